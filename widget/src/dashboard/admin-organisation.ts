import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { HANDLING_ROLES, LOCALES, type AdminDirectory, type LocalizedText } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import type { SuoraConfirm } from './confirm-dialog.js';
import './confirm-dialog.js';
import { DashboardView } from './view.js';

type Area = AdminDirectory['serviceAreas'][number];
type Topic = AdminDirectory['topics'][number];

/** The names typed into a form's `name-fi`, `name-sv`, `name-en` fields. */
function namesOf(form: FormData): LocalizedText {
  return Object.fromEntries(LOCALES.map((l) => [l, String(form.get(`name-${l}`) ?? '')])) as LocalizedText;
}

/**
 * Admins: service areas and topics. Renamed, given a new responsible official or retired
 * in an edit form that saves only on Save; a retired topic is no longer offered to the public,
 * nor are a retired area and its topics (retiring an area asks first, saying what happens).
 */
export class SuoraAdminOrganisation extends DashboardView {
  @state() private accessor directory: AdminDirectory | undefined;
  /** What is being edited: `area:ID` or `topic:ID`. */
  @state() private accessor editing = '';

  protected async load(): Promise<void> {
    this.directory = await api<AdminDirectory>('GET', '/api/admin/directory');
  }

  private startEditing(what: string): void {
    this.editing = what;
    this.say('', '');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#edit-name-fi')?.focus());
  }

  /** Sends only what changed; the form stays open, saying what came of it. */
  private async save(event: Event, path: string, before: Record<string, unknown>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const after: Record<string, unknown> = { name: namesOf(form) };
    if (form.has('officialId')) after.officialId = String(form.get('officialId'));
    if ('forBusinesses' in before) after.forBusinesses = form.get('forBusinesses') === 'on';
    after.retired = form.get('retired') === 'on';
    const body = Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
    if (Object.keys(body).length === 0) return this.nothingToSave('edit');
    if (body.retired === true && !('forBusinesses' in before) && !(await this.confirmRetireArea(before as Area))) return;
    // The form stays open, "Saved." beside its Save, until the admin closes it.
    await this.changeAndLoad('edit', () => api('PATCH', path, body));
  }

  /** Retiring an area asks first, saying what happens to its topics, feedback and survey links. */
  private confirmRetireArea(area: Area): Promise<boolean> {
    const { t, locale } = this;
    const topics = (this.directory?.topics ?? []).filter((x) => x.serviceAreaId === area.id && !x.retired).map((x) => x.name[locale]);
    const name = area.name[locale];
    return this.renderRoot.querySelector<SuoraConfirm>('suora-confirm')!.ask({
      title: t.confirmRetireArea.replace('{name}', name),
      consequences: [
        t.retireAreaOffered.replace('{name}', name).replace('{topics}', topics.join(', ') || '—'),
        t.retireAreaStays,
        t.retireAreaLinks,
      ],
      confirm: t.retireAreaConfirm,
      cancel: t.cancel,
    });
  }

  private async add(event: Event, path: string, at: string): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, unknown> = { name: namesOf(data) };
    for (const field of ['serviceAreaId', 'officialId'] as const) if (data.has(field)) body[field] = String(data.get(field));
    if (data.has('forBusinesses')) body.forBusinesses = true;
    if (await this.change(at, () => api('POST', path, body))) {
      form.reset();
      await this.load();
    }
  }

  override render(): TemplateResult {
    const d = this.directory;
    return html`<h3 tabindex="-1">${this.t.adminSections.organisation}</h3>
      ${this.renderLoadState() ?? (d ? [this.renderAreas(d), this.renderTopics(d)] : '')}
      <suora-confirm lang=${this.locale}></suora-confirm>`;
  }

  /** Only people who may receive feedback are offered; a current owner who may not stays visible (and is in the problems). */
  private officialOptions(d: AdminDirectory, selected: string): TemplateResult[] {
    return d.officials
      .filter((o) => (o.active && HANDLING_ROLES.includes(o.role)) || o.id === selected)
      .map((o) => html`<option value=${o.id} ?selected=${o.id === selected}>${o.name}</option>`);
  }

  private nameFields(prefix: string, names?: LocalizedText): TemplateResult {
    return html`${LOCALES.map(
      (l) => html`<div class="field"><label for="${prefix}-name-${l}">${this.t.nameIn[l]}</label>
        <input id="${prefix}-name-${l}" name="name-${l}" lang=${l} required .value=${names?.[l] ?? ''} /></div>`,
    )}`;
  }

  private editButton(what: string, label: string): TemplateResult {
    return html`<button type="button" class="secondary" aria-label=${this.t.editOf.replace('{name}', label)}
      @click=${() => this.startEditing(what)}>${this.t.edit}</button>`;
  }

  private renderAreas(d: AdminDirectory): TemplateResult {
    const { t, locale } = this;
    const name = (id?: string) => d.officials.find((o) => o.id === id)?.name ?? t.noContact;
    const editing = d.serviceAreas.find((a) => this.editing === `area:${a.id}`);
    return html`<section aria-labelledby="areas-h">
      <h4 id="areas-h">${t.serviceAreas}</h4>
      <div class="table-wrap"><table class="stacking wide">
        <caption class="visually-hidden">${t.serviceAreas}</caption>
        <thead><tr>${LOCALES.map((l) => html`<th scope="col" lang=${l}>${t.inLanguage[l]}</th>`)}<th scope="col">${t.areaContact}</th>
          <th scope="col">${t.state}</th><th scope="col"><span class="visually-hidden">${t.edit}</span></th></tr></thead>
        <tbody>${d.serviceAreas.map(
          (a) => html`<tr>${LOCALES.map((l) => (l === locale ? html`<th scope="row" lang=${l}>${a.name[l]}</th>` : html`<td lang=${l} data-label=${t.inLanguage[l]}>${a.name[l]}</td>`))}
            <td data-label=${t.areaContact}>${name(a.officialId)}</td><td data-label=${t.state}>${a.retired ? t.retired : t.inUse}</td><td>${this.editButton(`area:${a.id}`, a.name[locale])}</td></tr>`,
        )}</tbody>
      </table></div>
      ${editing ? this.renderEditArea(d, editing) : nothing}
      <form @submit=${(e: Event) => this.add(e, '/api/admin/service-areas', 'add-area')} aria-labelledby="add-area-h">
        <h5 id="add-area-h">${t.addServiceArea}</h5>
        <div class="row">${this.nameFields('area')}${this.renderActions('add-area', html`<button type="submit">${t.add}</button>`)}</div>
      </form>
    </section>`;
  }

  private renderEditArea(d: AdminDirectory, area: Area): TemplateResult {
    const { t, locale } = this;
    return html`<form @submit=${(e: Event) => this.save(e, `/api/admin/service-areas/${encodeURIComponent(area.id)}`, area)} aria-labelledby="edit-area-h">
      <h5 id="edit-area-h">${t.editArea}: ${area.name[locale]}</h5>
      <div class="row">${this.nameFields('edit', area.name)}
        ${area.officialId
          ? html`<div class="field"><label for="edit-contact">${t.areaContact}</label>
              <select id="edit-contact" name="officialId">${this.officialOptions(d, area.officialId)}</select></div>`
          : nothing}</div>
      <p><label><input type="checkbox" name="retired" aria-describedby="edit-area-retired-hint" .checked=${area.retired} /> ${t.retireArea}</label></p>
      <p id="edit-area-retired-hint" class="muted">${t.retiredAreaHint}</p>
      ${this.saveButtons()}
    </form>`;
  }

  private renderTopics(d: AdminDirectory): TemplateResult {
    const { t, locale } = this;
    const areaName = (id: string) => d.serviceAreas.find((a) => a.id === id)?.name[locale] ?? id;
    const official = (id: string) => d.officials.find((o) => o.id === id)?.name ?? id;
    const editing = d.topics.find((x) => this.editing === `topic:${x.id}`);
    return html`<section aria-labelledby="topics-h">
      <h4 id="topics-h">${t.topics}</h4>
      <div class="table-wrap"><table class="stacking wide">
        <caption class="visually-hidden">${t.topics}</caption>
        <thead><tr><th scope="col">${t.topic}</th><th scope="col">${t.serviceArea}</th><th scope="col">${t.responsible}</th>
          <th scope="col">${t.state}</th><th scope="col"><span class="visually-hidden">${t.edit}</span></th></tr></thead>
        <tbody>${d.topics.map(
          (topic) => html`<tr>
            <th scope="row">${topic.name[locale]}</th><td data-label=${t.serviceArea}>${areaName(topic.serviceAreaId)}</td><td data-label=${t.responsible}>${official(topic.officialId)}</td>
            <td data-label=${t.state}>${topic.retired ? t.retired : t.inUse}</td><td>${this.editButton(`topic:${topic.id}`, topic.name[locale])}</td>
          </tr>`,
        )}</tbody>
      </table></div>
      ${editing ? this.renderEditTopic(d, editing) : nothing}
      <form @submit=${(e: Event) => this.add(e, '/api/admin/topics', 'add-topic')} aria-labelledby="add-topic-h">
        <h5 id="add-topic-h">${t.addTopic}</h5>
        <div class="row">
          ${this.nameFields('topic')}
          <div class="field"><label for="topic-area">${t.serviceArea}</label>
            <select id="topic-area" name="serviceAreaId">${d.serviceAreas.map((a) => html`<option value=${a.id}>${a.name[locale]}</option>`)}</select></div>
          <div class="field"><label for="topic-official">${t.responsible}</label>
            <select id="topic-official" name="officialId">${this.officialOptions(d, '')}</select></div>
          <label><input type="checkbox" name="forBusinesses" /> ${t.forBusinesses}</label>
          ${this.renderActions('add-topic', html`<button type="submit">${t.add}</button>`)}
        </div>
      </form>
    </section>`;
  }

  private renderEditTopic(d: AdminDirectory, topic: Topic): TemplateResult {
    const { t, locale } = this;
    return html`<form @submit=${(e: Event) => this.save(e, `/api/admin/topics/${encodeURIComponent(topic.id)}`, topic)} aria-labelledby="edit-topic-h">
      <h5 id="edit-topic-h">${t.editTopic}: ${topic.name[locale]}</h5>
      <div class="row">${this.nameFields('edit', topic.name)}
        <div class="field"><label for="edit-responsible">${t.responsible}</label>
          <select id="edit-responsible" name="officialId">${this.officialOptions(d, topic.officialId)}</select></div></div>
      <p><label><input type="checkbox" name="forBusinesses" .checked=${topic.forBusinesses} /> ${t.forBusinesses}</label></p>
      <p><label><input type="checkbox" name="retired" aria-describedby="edit-retired-hint" .checked=${topic.retired} /> ${t.retireTopic}</label></p>
      <p id="edit-retired-hint" class="muted">${t.retiredHint}</p>
      ${this.saveButtons()}
    </form>`;
  }

  private saveButtons(): TemplateResult {
    return this.renderActions('edit', html`<button type="submit">${this.t.save}</button>
      <button type="button" class="secondary" @click=${() => (this.editing = '')}>${this.closeOrCancel('edit')}</button>`);
  }
}

defineElement('suora-admin-organisation', SuoraAdminOrganisation);
