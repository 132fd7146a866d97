import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { API_KEY_SCOPES, type AdminApiKey } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import type { SuoraConfirm } from './confirm-dialog.js';
import './confirm-dialog.js';
import { DashboardView } from './view.js';

/**
 * Admins: the API keys of the city's other systems (`/api/admin/api-keys`), while the
 * server runs: who made each and when, its last use, revoke (asks first). A new key is
 * shown once, with a copy button, until the admin says they have copied it.
 */
export class SuoraAdminApiKeys extends DashboardView {
  @state() private accessor apiKeys: AdminApiKey[] = [];
  /** The key just made: shown here only, never again. */
  @state() private accessor created: { name: string; key: string } | undefined;

  protected async load(): Promise<void> {
    this.apiKeys = (await api<{ apiKeys: AdminApiKey[] }>('GET', '/api/admin/api-keys')).apiKeys;
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = Object.fromEntries(new FormData(form));
    let created: { key: string; apiKey: AdminApiKey } | undefined;
    if (!(await this.change('create', async () => void (created = await api('POST', '/api/admin/api-keys', body)), this.t.apiKeys.createdStatus))) return;
    form.reset();
    this.created = { name: created!.apiKey.name, key: created!.key };
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#new-key-h')?.focus();
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.created!.key);
      this.say('copy', this.t.copied);
    } catch {
      this.say('copy', this.t.copyFailed, true);
    }
  }

  private async revoke(apiKey: AdminApiKey): Promise<void> {
    const { t } = this;
    const asked = await this.renderRoot.querySelector<SuoraConfirm>('suora-confirm')!.ask({
      title: t.apiKeys.confirmRevoke.replace('{name}', apiKey.name),
      consequences: [t.apiKeys.revokeConsequence.replace('{name}', apiKey.name)],
      confirm: t.apiKeys.revoke,
      cancel: t.cancel,
    });
    if (asked) await this.changeAndLoad('keys', () => api('POST', `/api/admin/api-keys/${encodeURIComponent(apiKey.id)}/revoke`), t.apiKeys.revoked.replace('{name}', apiKey.name));
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h3 tabindex="-1">${t.adminSections['api-keys']}</h3>
      <p class="muted">${t.apiKeys.intro}</p>
      ${this.created ? this.renderCreated(this.created) : nothing}
      ${this.renderStatus('keys') /* a revoked key's button leaves its row: what came of it is said here */}
      ${this.renderLoadState() ?? (this.apiKeys.length === 0 ? html`<p>${t.apiKeys.none}</p>` : this.renderTable())}
      ${this.renderCreate()}
      <suora-confirm lang=${this.locale}></suora-confirm>`;
  }

  private renderCreated(created: { name: string; key: string }): TemplateResult {
    const { t } = this;
    return html`<section class="card" aria-labelledby="new-key-h">
      <h4 id="new-key-h" tabindex="-1">${t.apiKeys.newKey.replace('{name}', created.name)}</h4>
      <p><code id="new-key">${created.key}</code></p>
      <p class="error" id="new-key-warning">${t.apiKeys.newKeyWarning}</p>
      <div class="row">
        ${this.renderActions('copy', html`<button type="button" aria-describedby="new-key-warning" @click=${this.copy}>${t.apiKeys.copy}</button>
          <button type="button" class="secondary" @click=${() => this.closeCreated()}>${t.apiKeys.done}</button>`)}
      </div>
    </section>`;
  }

  private async closeCreated(): Promise<void> {
    this.created = undefined;
    this.say('copy', '');
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3[tabindex="-1"]')?.focus();
  }

  private renderTable(): TemplateResult {
    const { t } = this;
    const k = t.apiKeys;
    return html`<div class="table-wrap"><table class="stacking wide">
      <caption class="visually-hidden">${t.adminSections['api-keys']}</caption>
      <thead><tr><th scope="col">${k.name}</th><th scope="col">${k.scope}</th><th scope="col">${k.createdAt}</th>
        <th scope="col">${k.lastUsed}</th><th scope="col">${k.state}</th>
        <th scope="col"><span class="visually-hidden">${k.actions}</span></th></tr></thead>
      <tbody>${this.apiKeys.map(
        (key) => html`<tr>
          <th scope="row">${key.name}</th>
          <td data-label=${k.scope}>${k.scopes[key.scope]}</td>
          <td data-label=${k.createdAt}>${this.date(key.createdAt)}, ${key.createdBy ? k.createdBy.replace('{name}', key.createdBy.name) : k.commandLine}</td>
          <td data-label=${k.lastUsed}>${key.lastUsedAt ? this.date(key.lastUsedAt) : k.never}</td>
          <td data-label=${k.state}>${key.revokedAt ? k.revokedAt.replace('{at}', this.date(key.revokedAt)) : k.live}</td>
          <td>${key.revokedAt
            ? nothing
            : html`<button type="button" class="secondary" aria-label=${k.revokeOf.replace('{name}', key.name)} @click=${() => this.revoke(key)}>${k.revoke}</button>`}</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }

  private renderCreate(): TemplateResult {
    const { t } = this;
    const k = t.apiKeys;
    return html`<form @submit=${this.create} aria-labelledby="create-key-h">
      <h4 id="create-key-h">${k.create}</h4>
      <div class="row">
        <div class="field"><label for="key-name">${k.name}</label>
          <input id="key-name" name="name" required maxlength="40" autocomplete="off" spellcheck="false" aria-describedby="key-name-hint" /></div>
        <div class="field"><label for="key-scope">${k.scope}</label>
          <select id="key-scope" name="scope">${API_KEY_SCOPES.map((s) => html`<option value=${s}>${k.scopes[s]}</option>`)}</select></div>
        ${this.renderActions('create', html`<button type="submit">${k.create}</button>`)}
      </div>
      <p id="key-name-hint" class="muted">${k.nameHint}</p>
    </form>`;
  }
}

defineElement('suora-admin-api-keys', SuoraAdminApiKeys);
