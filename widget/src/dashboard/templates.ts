import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LOCALES, type AdminDirectory, type LocalizedText, type ReplyTemplate, type ReplyTemplateInput } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { DashboardView } from './view.js';

/** Admins' reply templates: each in every language, for every area or for one. */
export class SuoraTemplates extends DashboardView {
  @state() private accessor templates: ReplyTemplate[] = [];
  @state() private accessor areas: AdminDirectory['serviceAreas'] = [];

  protected async load(): Promise<void> {
    const [{ templates }, directory] = await Promise.all([
      api<{ templates: ReplyTemplate[] }>('GET', '/api/templates'),
      api<AdminDirectory>('GET', '/api/admin/directory'),
    ]);
    this.templates = templates;
    this.areas = directory.serviceAreas;
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const area = String(data.get('area') ?? '');
    const body: ReplyTemplateInput = {
      name: String(data.get('name') ?? ''),
      text: Object.fromEntries(LOCALES.map((l) => [l, String(data.get(`text-${l}`) ?? '')])) as LocalizedText,
      ...(area && { serviceAreaId: area }),
    };
    const saved = await this.change('add-template', async () => {
      await api('POST', '/api/admin/templates', body);
      this.templates = (await api<{ templates: ReplyTemplate[] }>('GET', '/api/templates')).templates;
    });
    if (saved) form.reset();
  }

  private async removeTemplate(template: ReplyTemplate): Promise<void> {
    await this.change('templates', async () => {
      await api('DELETE', `/api/admin/templates/${encodeURIComponent(template.id)}`);
      this.templates = (await api<{ templates: ReplyTemplate[] }>('GET', '/api/templates')).templates;
    }, this.t.templateRemoved);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${t.tabs.templates}</h2>${this.renderLoadState() ?? this.renderTemplates()}`;
  }

  private renderTemplates(): TemplateResult {
    const { t } = this;
    const areaName = (id: string | null) => (id === null ? t.everyArea : (this.areas.find((a) => a.id === id)?.name[this.locale] ?? id));
    return html`${this.templates.length === 0
        ? html`<p>${t.noTemplates}</p>`
        : html`<ul class="plain">
            ${repeat(
                this.templates,
                (template) => template.id,
              (template) => html`<li class="card">
                <p class="row"><strong>${template.name}</strong><span class="muted">${areaName(template.serviceAreaId)}</span>
                  <button type="button" class="secondary" aria-label=${t.removeTemplate.replace('{name}', template.name)}
                    @click=${() => this.removeTemplate(template)}>${t.remove}</button></p>
                <p class="comment">${template.text[this.locale]}</p>
              </li>`,
            )}
          </ul>`}
      ${this.renderStatus('templates')}
      <section aria-labelledby="add-template-h">
        <h3 id="add-template-h">${t.addTemplate}</h3>
        <form @submit=${this.add}>
          <div class="field"><label for="template-name">${t.templateName}</label><input id="template-name" name="name" required maxlength="200" /></div>
          <div class="field"><label for="template-area">${t.serviceArea}</label>
            <select id="template-area" name="area">
              <option value="">${t.everyArea}</option>
              ${this.areas.map((a) => html`<option value=${a.id}>${a.name[this.locale]}</option>`)}
            </select></div>
          ${LOCALES.map(
            (l) => html`<div class="field"><label for="template-${l}">${t.templateTexts[l]}</label>
              <textarea id="template-${l}" name="text-${l}" lang=${l} required maxlength="4000"></textarea></div>`,
          )}
          ${this.renderActions('add-template', html`<button type="submit">${t.addTemplate}</button>`)}
        </form>
      </section>`;
  }
}

defineElement('suora-templates', SuoraTemplates);
