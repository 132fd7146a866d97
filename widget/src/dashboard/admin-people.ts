import { html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { HANDLING_ROLES, LOCALES, ROLES, type AdminDirectory, type DirectoryOfficial, type Role } from '../../../contract/api.js';
import { emailForPeople } from '../../../contract/email-for-people.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import type { SuoraConfirm } from './confirm-dialog.js';
import './confirm-dialog.js';
import { DashboardView } from './view.js';

const handles = (o: DirectoryOfficial) => o.active && HANDLING_ROLES.includes(o.role);

/** Admins: the city's officials, edited only on Save; what locks someone out is confirmed first. */
export class SuoraAdminPeople extends DashboardView {
  @state() private accessor directory: AdminDirectory | undefined;
  /** The official being edited in the "change an official" form. */
  @state() private accessor editing = '';
  /** The active box as the admin left it: unchecked shows the successor picker. */
  @state() private accessor editActive = true;
  /** The role as the admin picked it: one that does not handle feedback shows the successor picker too. */
  @state() private accessor editRole: Role = 'official';

  protected async load(): Promise<void> {
    this.directory = await api<AdminDirectory>('GET', '/api/admin/directory');
  }

  private get confirmation(): SuoraConfirm {
    return this.renderRoot.querySelector('suora-confirm')!;
  }

  private name(id: string): string {
    return this.directory?.officials.find((o) => o.id === id)?.name ?? id;
  }

  private startEditing(official: DirectoryOfficial): void {
    this.editing = official.id;
    this.say('', '');
    this.editActive = official.active;
    this.editRole = official.role;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('#edit-name') as HTMLInputElement | null)?.focus());
  }

  /** Sends only what changed, after the admin confirms what locks the person out (deactivation, a new role or email ends their sessions). */
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
    if (Object.keys(body).length === 0) return this.nothingToSave('edit-official');
    const consequences = this.consequences(official, body);
    if (consequences.length && !(await this.confirmation.ask({ title: this.t.confirmSaveOfficial.replace('{name}', official.name), consequences, confirm: this.t.save, cancel: this.t.cancel }))) return;
    // The form stays open, "Saved." beside its Save, until the admin closes it.
    await this.changeAndLoad('edit-official', () => api('PATCH', `/api/admin/officials/${encodeURIComponent(official.id)}`, body));
  }

  /** What the change will do that the person will notice: each in a sentence, empty when nothing locks them out. */
  private consequences(official: DirectoryOfficial, body: Record<string, unknown>): string[] {
    const { t } = this;
    const fill = (text: string) =>
      text
        .replace('{name}', official.name)
        .replace('{successor}', this.name(String(body.successor ?? '')))
        .replace('{role}', t.roles[body.role as Role] ?? '')
        .replace('{old}', t.roles[official.role])
        .replace('{email}', String(body.email ?? ''));
    const said: string[] = [];
    if (body.active === false) said.push(fill(t.consequenceDeactivate));
    else if (body.successor !== undefined) said.push(fill(t.consequenceHandOver));
    if (body.role !== undefined) said.push(fill(t.consequenceRole));
    if (body.email !== undefined) said.push(fill(t.consequenceEmail));
    if (said.length) said.push(fill(t.consequenceSignedOut));
    return said;
  }

  private async endSessions(official: DirectoryOfficial): Promise<void> {
    const { t } = this;
    const asked = { title: t.endSessionsOf.replace('{name}', official.name), consequences: [t.consequenceEndSessions.replace('{name}', official.name)], confirm: t.endSessions, cancel: t.cancel };
    if (!(await this.confirmation.ask(asked))) return;
    await this.change('edit-official', () => api('DELETE', `/api/admin/officials/${encodeURIComponent(official.id)}/sessions`), t.sessionsEnded);
  }

  /** The link goes to the person's own inbox; the dashboard never sees it. */
  private async issueLoginLink(event: Event): Promise<void> {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target as HTMLFormElement));
    let emailedTo = '';
    if (await this.change('login-link', async () => {
      emailedTo = (await api<{ emailedTo: string; expiresAt: string }>('POST', '/api/admin/login-links', data)).emailedTo;
    })) {
      this.say('login-link', this.t.loginLinkSent.replace('{email}', emailedTo));
    }
  }

  private async addOfficial(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = Object.fromEntries(new FormData(form));
    if (await this.change('add-official', () => api('POST', '/api/admin/officials', body))) {
      form.reset();
      await this.load();
    }
  }

  override render(): TemplateResult {
    const d = this.directory;
    return html`<h3 tabindex="-1">${this.t.adminSections.people}</h3>
      ${this.renderLoadState() ?? (d ? this.renderPeople(d) : '')}
      <suora-confirm lang=${this.locale}></suora-confirm>`;
  }

  private renderPeople(d: AdminDirectory): TemplateResult {
    const { t, locale } = this;
    const areaName = (id: string) => d.serviceAreas.find((a) => a.id === id)?.name[locale] ?? id;
    const editing = d.officials.find((o) => o.id === this.editing);
    return html`<div class="table-wrap"><table class="stacking wide">
        <caption>${t.officials}</caption>
        <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.titleField}</th><th scope="col">${t.email}</th>
          <th scope="col">${t.serviceArea}</th><th scope="col">${t.role}</th><th scope="col">${t.state}</th>
          <th scope="col"><span class="visually-hidden">${t.edit}</span></th></tr></thead>
        <tbody>${d.officials.map(
          (o) => html`<tr>
            <th scope="row">${o.name}</th><td data-label=${t.titleField}>${o.title}</td><td data-label=${t.email}>${emailForPeople(o.email)}</td><td data-label=${t.serviceArea}>${areaName(o.serviceAreaId)}</td>
            <td data-label=${t.role}>${t.roles[o.role]}</td><td data-label=${t.state}>${o.active ? t.active : t.inactive}</td>
            <td><button type="button" class="secondary" aria-label=${t.editOf.replace('{name}', o.name)}
              @click=${() => this.startEditing(o)}>${t.edit}</button></td>
          </tr>`,
        )}</tbody>
      </table></div>
      ${editing ? this.renderEditOfficial(d, editing) : ''}

      <form @submit=${this.addOfficial} aria-labelledby="add-official-h">
        <h4 id="add-official-h">${t.addOfficial}</h4>
        <div class="row">
          <div class="field"><label for="new-name">${t.name}</label><input id="new-name" name="name" required /></div>
          <div class="field"><label for="new-title">${t.titleField}</label><input id="new-title" name="title" /></div>
          <div class="field"><label for="new-email">${t.email}</label><input id="new-email" name="email" type="email" required /></div>
          <div class="field"><label for="new-area">${t.serviceArea}</label>
            <select id="new-area" name="serviceAreaId">${d.serviceAreas.map((a) => html`<option value=${a.id}>${a.name[locale]}</option>`)}</select></div>
          <div class="field"><label for="new-role">${t.role}</label>
            <select id="new-role" name="role">${ROLES.map((r) => html`<option value=${r}>${t.roles[r]}</option>`)}</select></div>
          ${this.renderActions('add-official', html`<button type="submit">${t.add}</button>`)}
        </div>
      </form>

      <form @submit=${this.issueLoginLink} aria-labelledby="login-h">
        <h4 id="login-h">${t.loginLinks}</h4>
        <div class="row">
          <div class="field"><label for="login-official">${t.official}</label>
            <select id="login-official" name="officialId">${d.officials
              .filter((o) => o.active)
              .map((o) => html`<option value=${o.id}>${o.name} (${t.roles[o.role]})</option>`)}</select></div>
          ${this.renderActions('login-link', html`<button type="submit">${t.issueLoginLink}</button>`)}
        </div>
      </form>`;
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
      ${this.renderActions('edit-official', html`<button type="submit" id="edit-save">${t.save}</button>
        <button type="button" class="secondary" @click=${() => (this.editing = '')}>${this.closeOrCancel('edit-official')}</button>
        <button type="button" class="secondary" @click=${() => this.endSessions(official)}>${t.endSessions}</button>`)}
    </form>`;
  }
}

defineElement('suora-admin-people', SuoraAdminPeople);
