import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { HANDLING_ROLES, LOCALES, ROLES, type AdminDirectory, type AuditEntryView, type DirectoryOfficial, type DirectoryProblem, type LocalizedText, type Role } from '../../../contract/api.js';
import { emailForPeople } from '../../../contract/email-for-people.js';
import { defineElement } from '../shared/define.js';
import { plural } from '../shared/format.js';
import { api } from './api.js';
import { auditEntryText, auditTargetName, type AuditNames } from './audit-words.js';
import './links.js';
import { DashboardView } from './view.js';

const handles = (o: DirectoryOfficial) => o.active && HANDLING_ROLES.includes(o.role);

/** Admins: the directory (topics' responsible officials, officials' roles), sign-in links, export, survey links. */
export class SuoraAdmin extends DashboardView {
  @state() private accessor directory: AdminDirectory | undefined;
  /** The official being edited in the "change an official" form. */
  @state() private accessor editing = '';
  /** The active box as the admin left it: unchecked shows the successor picker. */
  @state() private accessor editActive = true;
  /** The role as the admin picked it: one that does not handle feedback shows the successor picker too. */
  @state() private accessor editRole: Role = 'official';
  @state() private accessor audit: AuditEntryView[] = [];
  @state() private accessor personEmail = '';
  @state() private accessor personData: unknown[] | undefined;
  /** The whole access copy (their items, and what other places hold: the mail sent to them), for the download. */
  private personCopy: unknown;

  protected async load(): Promise<void> {
    const [directory, audit] = await Promise.all([
      api<AdminDirectory>('GET', '/api/admin/directory'),
      api<{ items: AuditEntryView[] }>('GET', '/api/admin/audit?pageSize=50'),
    ]);
    this.directory = directory;
    this.audit = audit.items;
  }

  private async showPersonData(event: Event): Promise<void> {
    event.preventDefault();
    this.personData = undefined;
    await this.change(async () => {
      const found = await api<{ items: unknown[] }>('GET', `/api/admin/personal-data?email=${encodeURIComponent(this.personEmail)}`);
      this.personData = found.items;
      this.personCopy = found;
    }, '');
  }

  private async erasePersonData(event: Event): Promise<void> {
    event.preventDefault();
    let erased = 0;
    if (await this.change(async () => {
      erased = (await api<{ erased: string[] }>('POST', '/api/admin/erase', { email: this.personEmail })).erased.length;
    }, '')) {
      this.status = plural(this.locale, erased, this.t.erasedCount);
      this.personData = undefined;
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

  private async patch(path: string, body: object): Promise<void> {
    if (await this.change(() => api('PATCH', path, body))) await this.load();
  }

  /** Posts a form to the directory: names in the city's languages become a `LocalizedText`. */
  private async add(event: Event, path: string): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const entries = [...new FormData(form)].map(([k, v]) => [k, String(v)] as const);
    const body: Record<string, unknown> = Object.fromEntries(entries.filter(([k]) => !k.startsWith('name-')));
    const names = entries.filter(([k]) => k.startsWith('name-'));
    if (names.length) body.name = Object.fromEntries(names.map(([k, v]) => [k.slice(5), v]));
    if ('forBusinesses' in body) body.forBusinesses = true;
    if (await this.change(() => api('POST', path, body))) {
      form.reset();
      await this.load();
    }
  }

  /** The link goes to the person's own inbox; the dashboard never sees it. */
  private async issueLoginLink(event: Event): Promise<void> {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target as HTMLFormElement));
    let emailedTo = '';
    if (await this.change(async () => {
      emailedTo = (await api<{ emailedTo: string; expiresAt: string }>('POST', '/api/admin/login-links', data)).emailedTo;
    })) {
      this.status = this.t.loginLinkSent.replace('{email}', emailedTo);
    }
  }

  private startEditing(official: DirectoryOfficial): void {
    this.editing = official.id;
    this.editActive = official.active;
    this.editRole = official.role;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('#edit-name') as HTMLInputElement | null)?.focus());
  }

  /** Sends only what changed: a PATCH with the role, email or `active` changed ends the person’s sessions and voids their sign-in links. */
  private async saveOfficial(event: Event, official: DirectoryOfficial): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const body: Record<string, unknown> = {};
    for (const field of ['name', 'title', 'email', 'serviceAreaId', 'role', 'locale'] as const) {
      const value = String(form.get(field) ?? '');
      if (value !== official[field]) body[field] = value;
    }
    const active = form.get('active') === 'on';
    if (active !== official.active) body.active = active;
    if (form.has('successor')) body.successor = String(form.get('successor'));
    if (Object.keys(body).length === 0) return;
    if (await this.change(() => api('PATCH', `/api/admin/officials/${encodeURIComponent(official.id)}`, body))) {
      this.editing = '';
      await this.load();
    }
  }

  private async endSessions(official: DirectoryOfficial): Promise<void> {
    await this.change(() => api('DELETE', `/api/admin/officials/${encodeURIComponent(official.id)}/sessions`), this.t.sessionsEnded);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${t.tabs.admin}</h2>
      ${this.renderStatus()}
      ${this.renderLoadState() ?? (this.directory ? [this.renderProblems(this.directory), this.renderDirectory(this.directory)] : '')}
      ${this.renderPersonalData()}
      ${this.renderAudit()}
      <section aria-labelledby="export-h">
        <h3 id="export-h">${t.export}</h3>
        <p>
          <a class="button" href="/api/export.xlsx?lang=${this.locale}" download>${t.exportXlsx}</a>
          <a class="button" href="/api/export.csv" download>${t.exportCsv}</a>
        </p>
      </section>
      <suora-links manage .me=${this.me} lang=${this.locale}></suora-links>`;
  }

  private renderPersonalData(): TemplateResult {
    const { t } = this;
    return html`<section aria-labelledby="person-h">
      <h3 id="person-h">${t.personalData}</h3>
      <form class="row" @submit=${this.showPersonData}>
        <div class="field"><label for="person-email">${t.personEmail}</label>
          <input id="person-email" type="email" required .value=${this.personEmail}
            @input=${(e: InputEvent) => (this.personEmail = (e.target as HTMLInputElement).value)} /></div>
        <button type="submit">${t.showData}</button>
      </form>
      ${this.personData
        ? html`<p role="status">${this.count(this.personData.length)}</p>
            ${this.personData.length
              ? html`<p><button type="button" class="secondary" @click=${this.downloadPersonData}>${t.downloadData}</button></p>
                  <form @submit=${this.erasePersonData}>
                    <label><input type="checkbox" required /> ${t.confirmErase}</label>
                    <p><button type="submit">${t.eraseData}</button></p>
                  </form>`
              : ''}`
        : ''}
    </section>`;
  }

  private renderAudit(): TemplateResult {
    const { t } = this;
    const names = new Map(this.directory?.officials.map((o) => [o.id, o.name]));
    const named = (list: { id: string; name: LocalizedText }[] | undefined) => (id: string) => list?.find((x) => x.id === id)?.name[this.locale];
    const targets: AuditNames = { official: (id) => names.get(id), topic: named(this.directory?.topics), area: named(this.directory?.serviceAreas) };
    return html`<section>
      <div class="table-wrap"><table>
        <caption>${t.auditLog}</caption>
        <thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.action}</th>
          <th scope="col">${t.item}</th><th scope="col">${t.target}</th></tr></thead>
        <tbody>${this.audit.map(
          (e) => html`<tr><td>${this.date(e.at)}</td><td>${e.actorId ? (names.get(e.actorId) ?? e.actorId) : t.system}</td>
            <td>${auditEntryText(e, t, this.locale, (id) => names.get(id) ?? id)}</td><td>${e.feedbackId ? html`<code>${e.feedbackId}</code>` : ''}</td>
            <td>${auditTargetName(e, targets) ?? (e.targetId ? html`<code>${e.targetId}</code>` : '')}</td></tr>`,
        )}</tbody>
      </table></div>
    </section>`;
  }

  private renderProblems(d: AdminDirectory): TemplateResult | string {
    if (d.problems.length === 0) return '';
    const { t, locale } = this;
    const name = (id: string) => d.officials.find((o) => o.id === id)?.name ?? id;
    const what = (p: Extract<DirectoryProblem, { code: 'ineligible_owner' }>) => {
      const label =
        p.owner === 'topic'
          ? (d.topics.find((x) => x.id === p.id)?.name[locale] ?? p.id)
          : p.owner === 'serviceArea'
            ? (d.serviceAreas.find((x) => x.id === p.id)?.name[locale] ?? p.id)
            : p.id;
      return t.ownerKinds[p.owner].replace('{name}', label);
    };
    return html`<section aria-labelledby="problems-h" class="problems">
      <h3 id="problems-h">${t.problems}</h3>
      <ul>${d.problems.map((p) =>
        html`<li>${p.code === 'duplicate_email'
          ? t.problemDuplicateEmail.replace('{names}', p.officialIds.map(name).join(', '))
          : t.problemOwner.replace('{what}', what(p)).replace('{official}', name(p.officialId))}</li>`,
      )}</ul>
    </section>`;
  }

  private renderEditOfficial(d: AdminDirectory, official: DirectoryOfficial): TemplateResult {
    const { t, locale } = this;
    const successors = d.officials.filter((o) => o.id !== official.id && handles(o));
    // Leaving, or a new role that does not handle feedback: someone must take over what they hold.
    const leaving = !this.editActive && official.active;
    const stopsHandling = handles(official) && !leaving && !HANDLING_ROLES.includes(this.editRole);
    return html`<form @submit=${(e: Event) => this.saveOfficial(e, official)} aria-labelledby="edit-official-h">
      <h4 id="edit-official-h">${t.editOfficial}: ${official.name}</h4>
      <div class="row">
        <div class="field"><label for="edit-name">${t.name}</label><input id="edit-name" name="name" required .value=${official.name} /></div>
        <div class="field"><label for="edit-title">${t.titleField}</label><input id="edit-title" name="title" .value=${official.title} /></div>
        <div class="field"><label for="edit-email">${t.email}</label><input id="edit-email" name="email" type="email" required .value=${official.email} /></div>
        <div class="field"><label for="edit-area">${t.serviceArea}</label>
          <select id="edit-area" name="serviceAreaId">${d.serviceAreas.map(
            (a) => html`<option value=${a.id} ?selected=${a.id === official.serviceAreaId}>${a.name[locale]}</option>`,
          )}</select></div>
        <div class="field"><label for="edit-role">${t.role}</label>
          <select id="edit-role" name="role" @change=${(e: Event) => (this.editRole = (e.target as HTMLSelectElement).value as Role)}>${ROLES.map((r) => html`<option value=${r} ?selected=${r === official.role}>${t.roles[r]}</option>`)}</select></div>
        <div class="field"><label for="edit-locale">${t.mailLocale}</label>
          <select id="edit-locale" name="locale">${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === official.locale}>${t.localeNames[l]}</option>`)}</select></div>
      </div>
      <p><label><input type="checkbox" name="active" aria-describedby="edit-active-hint" .checked=${official.active}
        @change=${(e: Event) => (this.editActive = (e.target as HTMLInputElement).checked)} /> ${t.active}</label></p>
      <p id="edit-active-hint" class="muted">${t.activeHint}</p>
      ${leaving || stopsHandling
        ? html`<div class="field"><label for="edit-successor">${t.successor}</label>
            <select id="edit-successor" name="successor" required aria-describedby="edit-successor-hint">
              ${successors.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
            </select>
            <p id="edit-successor-hint" class="muted">${stopsHandling ? t.successorRoleHint : t.successorHint}</p></div>`
        : ''}
      <div class="row">
        <button type="submit">${t.save}</button>
        <button type="button" class="secondary" @click=${() => this.endSessions(official)}>${t.endSessions}</button>
      </div>
    </form>`;
  }

  private nameFields(prefix: string): TemplateResult {
    return html`${LOCALES.map(
      (l) => html`<div class="field"><label for="${prefix}-name-${l}">${this.t.name} (${l})</label>
        <input id="${prefix}-name-${l}" name="name-${l}" lang=${l} required /></div>`,
    )}`;
  }

  private renderDirectory(d: AdminDirectory): TemplateResult {
    const { t, locale } = this;
    // Only people who may receive feedback are offered; a current owner who may not stays visible (and is in the problems).
    const officialOptions = (selected: string) =>
      d.officials
        .filter((o) => handles(o) || o.id === selected)
        .map((o) => html`<option value=${o.id} ?selected=${o.id === selected}>${o.name}</option>`);
    const editing = d.officials.find((o) => o.id === this.editing);
    const areaName = (id: string) => d.serviceAreas.find((a) => a.id === id)?.name[locale] ?? id;
    return html`
      <section aria-labelledby="login-h">
        <h3 id="login-h">${t.loginLinks}</h3>
        <form class="row" @submit=${this.issueLoginLink}>
          <div class="field"><label for="login-official">${t.official}</label>
            <select id="login-official" name="officialId">${d.officials
              .filter((o) => o.active)
              .map((o) => html`<option value=${o.id}>${o.name} (${t.roles[o.role]})</option>`)}</select></div>
          <button type="submit">${t.issueLoginLink}</button>
        </form>
      </section>

      <section aria-labelledby="directory-h">
        <h3 id="directory-h">${t.directory}</h3>
        <div class="table-wrap"><table>
          <caption>${t.serviceAreas}</caption>
          <thead><tr><th scope="col">${t.serviceArea}</th>${LOCALES.map((l) => html`<th scope="col">${l}</th>`)}</tr></thead>
          <tbody>${d.serviceAreas.map(
            (a) => html`<tr><th scope="row"><code>${a.id}</code></th>${LOCALES.map((l) => html`<td>${a.name[l]}</td>`)}</tr>`,
          )}</tbody>
        </table></div>

        <div class="table-wrap"><table>
          <caption>${t.topics}</caption>
          <thead><tr><th scope="col">${t.topic}</th><th scope="col">${t.serviceArea}</th><th scope="col">${t.responsible}</th></tr></thead>
          <tbody>${d.topics.map(
            (topic) => html`<tr>
              <th scope="row">${topic.name[locale]}</th>
              <td>${areaName(topic.serviceAreaId)}</td>
              <td><label class="visually-hidden" for="topic-${topic.id}">${t.responsible}: ${topic.name[locale]}</label>
                <select id="topic-${topic.id}" @change=${(e: Event) =>
                  this.patch(`/api/admin/topics/${encodeURIComponent(topic.id)}`, { officialId: (e.target as HTMLSelectElement).value })}>
                  ${officialOptions(topic.officialId)}
                </select></td>
            </tr>`,
          )}</tbody>
        </table></div>

        <div class="table-wrap"><table>
          <caption>${t.officials}</caption>
          <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.titleField}</th><th scope="col">${t.email}</th>
            <th scope="col">${t.serviceArea}</th><th scope="col">${t.role}</th><th scope="col">${t.state}</th>
            <th scope="col"><span class="visually-hidden">${t.edit}</span></th></tr></thead>
          <tbody>${d.officials.map(
            (o) => html`<tr>
              <th scope="row">${o.name}</th><td>${o.title}</td><td>${emailForPeople(o.email)}</td><td>${areaName(o.serviceAreaId)}</td>
              <td>${t.roles[o.role]}</td><td>${o.active ? t.active : t.inactive}</td>
              <td><button type="button" class="secondary" aria-label=${t.editOf.replace('{name}', o.name)}
                @click=${() => this.startEditing(o)}>${t.edit}</button></td>
            </tr>`,
          )}</tbody>
        </table></div>
        ${editing ? this.renderEditOfficial(d, editing) : ''}

        <form @submit=${(e: Event) => this.add(e, '/api/admin/service-areas')} aria-labelledby="add-area-h">
          <h4 id="add-area-h">${t.addServiceArea}</h4>
          <div class="row">${this.nameFields('area')}<button type="submit">${t.add}</button></div>
        </form>

        <form @submit=${(e: Event) => this.add(e, '/api/admin/topics')} aria-labelledby="add-topic-h">
          <h4 id="add-topic-h">${t.addTopic}</h4>
          <div class="row">
            ${this.nameFields('topic')}
            <div class="field"><label for="topic-area">${t.serviceArea}</label>
              <select id="topic-area" name="serviceAreaId">${d.serviceAreas.map((a) => html`<option value=${a.id}>${a.name[locale]}</option>`)}</select></div>
            <div class="field"><label for="topic-official">${t.responsible}</label>
              <select id="topic-official" name="officialId">${officialOptions('')}</select></div>
            <label><input type="checkbox" name="forBusinesses" /> ${t.forBusinesses}</label>
            <button type="submit">${t.add}</button>
          </div>
        </form>

        <form @submit=${(e: Event) => this.add(e, '/api/admin/officials')} aria-labelledby="add-official-h">
          <h4 id="add-official-h">${t.addOfficial}</h4>
          <div class="row">
            <div class="field"><label for="new-name">${t.name}</label><input id="new-name" name="name" required /></div>
            <div class="field"><label for="new-title">${t.titleField}</label><input id="new-title" name="title" /></div>
            <div class="field"><label for="new-email">${t.email}</label><input id="new-email" name="email" type="email" required /></div>
            <div class="field"><label for="new-area">${t.serviceArea}</label>
              <select id="new-area" name="serviceAreaId">${d.serviceAreas.map((a) => html`<option value=${a.id}>${a.name[locale]}</option>`)}</select></div>
            <div class="field"><label for="new-role">${t.role}</label>
              <select id="new-role" name="role">${ROLES.map((r) => html`<option value=${r}>${t.roles[r]}</option>`)}</select></div>
            <button type="submit">${t.add}</button>
          </div>
        </form>
      </section>`;
  }
}

defineElement('suora-admin', SuoraAdmin);
