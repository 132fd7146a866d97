import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { AdminApiKey, AdminDirectory, AuditEntryView, LinkWithSnippets, ReplyTemplate } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { plural } from '../shared/format.js';
import { api } from './api.js';
import { auditActor, auditEntryText, auditTarget } from './audit-words.js';
import { DashboardView } from './view.js';

/** Admins: a person's data (access and erasure), the audit log and the export. */
export class SuoraAdminRecords extends DashboardView {
  @state() private accessor audit: AuditEntryView[] = [];
  /** Names of officials, topics, areas, API keys, survey links and reply templates by id: the log names what it touched in words. */
  @state() private accessor names = new Map<string, string>();
  @state() private accessor personEmail = '';
  @state() private accessor personData: unknown[] | undefined;
  /** The whole access copy (their items, and what other places hold: the mail sent to them), for the download. */
  private personCopy: unknown;

  protected async load(): Promise<void> {
    const [directory, audit, keys, links, templates] = await Promise.all([
      api<AdminDirectory>('GET', '/api/admin/directory'),
      api<{ items: AuditEntryView[] }>('GET', '/api/admin/audit?pageSize=50'),
      api<{ apiKeys: AdminApiKey[] }>('GET', '/api/admin/api-keys'),
      api<{ links: LinkWithSnippets[] }>('GET', '/api/admin/links'),
      api<{ templates: ReplyTemplate[] }>('GET', '/api/templates'),
    ]);
    const { locale, t } = this;
    const named = (text: string, name: string) => text.replace('{name}', name);
    this.names = new Map([
      ...directory.serviceAreas.map((a) => [a.id, a.name[locale]] as const),
      ...directory.topics.map((x) => [x.id, x.name[locale]] as const),
      ...directory.officials.map((o) => [o.id, o.name] as const),
      ...keys.apiKeys.map((k) => [k.id, named(t.auditNames.apiKey, k.name)] as const),
      ...links.links.map((l) => [l.id, named(t.auditNames.link, l.official.name).replace('{channel}', t.channels[l.channel])] as const),
      ...templates.templates.map((x) => [x.id, named(t.auditNames.template, x.name)] as const),
    ]);
    this.audit = audit.items;
  }

  private async showPersonData(event: Event): Promise<void> {
    event.preventDefault();
    this.personData = undefined;
    await this.change('person', async () => {
      const found = await api<{ items: unknown[] }>('GET', `/api/admin/personal-data?email=${encodeURIComponent(this.personEmail)}`);
      this.personData = found.items;
      this.personCopy = found;
    }, '');
  }

  private async erasePersonData(event: Event): Promise<void> {
    event.preventDefault();
    let erased = 0;
    if (await this.change('erase', async () => {
      erased = (await api<{ erased: string[] }>('POST', '/api/admin/erase', { email: this.personEmail })).erased.length;
    }, '')) {
      // The erase form goes with the data: what came of it is said beside "Show data".
      this.personData = undefined;
      this.say('person', plural(this.locale, erased, this.t.erasedCount));
      await this.keepFocus(true);
      await this.load();
    }
  }

  private downloadPersonData(): void {
    const blob = new Blob([JSON.stringify(this.personCopy, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'suora-personal-data.json';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h3 tabindex="-1">${t.adminSections.records}</h3>
      ${this.renderPersonalData()}
      <section aria-labelledby="export-h">
        <h4 id="export-h">${t.export}</h4>
        <p class="row">
          <a class="button" href="/api/export.xlsx?lang=${this.locale}" download>${t.exportXlsx}</a>
          <a class="button" href="/api/export.csv" download>${t.exportCsv}</a>
        </p>
      </section>
      ${this.renderLoadState() ?? this.renderAudit()}`;
  }

  private renderPersonalData(): TemplateResult {
    const { t } = this;
    return html`<section aria-labelledby="person-h">
      <h4 id="person-h">${t.personalData}</h4>
      <form class="row" @submit=${this.showPersonData}>
        <div class="field"><label for="person-email">${t.personEmail}</label>
          <input id="person-email" type="email" required .value=${this.personEmail}
            @input=${(e: InputEvent) => (this.personEmail = (e.target as HTMLInputElement).value)} /></div>
        ${this.renderActions('person', html`<button type="submit">${t.showData}</button>`)}
      </form>
      ${this.personData
        ? html`<p role="status">${this.count(this.personData.length)}</p>
            ${this.personData.length
              ? html`<p><button type="button" class="secondary" @click=${this.downloadPersonData}>${t.downloadData}</button></p>
                  <form @submit=${this.erasePersonData}>
                    <label><input type="checkbox" required /> ${t.confirmErase}</label>
                    ${this.renderActions('erase', html`<button type="submit">${t.eraseData}</button>`)}
                  </form>`
              : ''}`
        : ''}
    </section>`;
  }

  private renderAudit(): TemplateResult {
    const { t } = this;
    const name = (id: string) => this.names.get(id) ?? t.auditNames.removed;
    return html`<section aria-labelledby="audit-h">
      <h4 id="audit-h">${t.auditLog}</h4>
      <div class="table-wrap"><table class="stacking wide">
        <caption class="visually-hidden">${t.auditLog}</caption>
        <thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.action}</th>
          <th scope="col">${t.target}</th><th scope="col">${t.item}</th></tr></thead>
        <tbody>${this.audit.map(
          (e) => html`<tr><td data-label=${t.when}>${this.date(e.at)}</td><td data-label=${t.who}>${auditActor(e, t, name)}</td>
            <td data-label=${t.action}>${auditEntryText(e, t, this.locale, name)}</td><td data-label=${t.target}>${auditTarget(e, t, this.names)}</td>
            <td data-label=${t.item}>${e.feedbackId ? html`<a class="own-line" href="#feedback/${encodeURIComponent(e.feedbackId)}">${t.openItem}<span class="visually-hidden"> ${e.feedbackId}</span></a>` : ''}</td></tr>`,
        )}</tbody>
      </table></div>
    </section>`;
  }
}

defineElement('suora-admin-records', SuoraAdminRecords);
