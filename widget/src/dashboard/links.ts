import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { HANDLING_ROLES, type LinkWithSnippets, type Role } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import type { SuoraConfirm } from './confirm-dialog.js';
import './confirm-dialog.js';
import { signaturePreview } from './signature-preview.js';
import { DashboardView } from './view.js';

interface OfficialOption {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

/**
 * Signature survey links: each signature shown as mail shows it, with copy buttons (HTML
 * with a plain-text fallback, or the text alone) and its code behind a disclosure. For an official: their own.
 * With `manage` (admins): everyone's, with create, revoke and rotate.
 */
export class SuoraLinks extends DashboardView {
  @state() private accessor links: LinkWithSnippets[] = [];
  @state() private accessor officials: OfficialOption[] = [];

  /** Admin mode: all links, and the means to create, revoke and rotate them. */
  @property({ type: Boolean }) accessor manage = false;

  protected async load(): Promise<void> {
    if (this.manage) {
      const [links, directory] = await Promise.all([
        api<{ links: LinkWithSnippets[] }>('GET', '/api/admin/links'),
        api<{ officials: OfficialOption[] }>('GET', '/api/admin/directory'),
      ]);
      this.links = links.links;
      // Links are only for those who may receive feedback (the server refuses anyone else).
      this.officials = directory.officials.filter((o) => o.active && HANDLING_ROLES.includes(o.role));
    } else {
      this.links = (await api<{ links: LinkWithSnippets[] }>('GET', '/api/me/links')).links;
    }
  }

  /** Each link's preview, built once: a node is shown where it was put. */
  #previews = new Map<string, Node[]>();

  private preview(link: LinkWithSnippets): Node[] {
    let nodes = this.#previews.get(link.id);
    if (!nodes) {
      nodes = [...signaturePreview(link.html ?? '').childNodes];
      this.#previews.set(link.id, nodes);
    }
    return nodes;
  }

  /** Copies the HTML signature as formatted HTML (so mail editors paste a table), with a text fallback; says so beside the button. */
  private async copy(html: string | null, text: string, at: string): Promise<void> {
    try {
      if (html && 'ClipboardItem' in window) {
        await navigator.clipboard.write([
          new ClipboardItem({
            'text/html': new Blob([html], { type: 'text/html' }),
            'text/plain': new Blob([text], { type: 'text/plain' }),
          }),
        ]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      this.say(at, this.t.copied);
    } catch {
      this.say(at, this.t.copyFailed, true);
    }
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target as HTMLFormElement));
    await this.changeAndLoad('create', () => api('POST', '/api/admin/links', data));
  }

  /** Both end the link for good, wherever it is in signatures: asked first, saying so. */
  private async act(link: LinkWithSnippets, action: 'revoke' | 'rotate'): Promise<void> {
    const { t } = this;
    const fill = (text: string) => text.replace('{url}', link.url).replace('{name}', link.official.name);
    const asked = action === 'revoke'
      ? { title: t.confirmRevokeTitle, consequences: [fill(t.consequenceRevoke)], confirm: t.revoke }
      : { title: t.confirmRotateTitle, consequences: [fill(t.consequenceRotate)], confirm: t.rotate };
    if (!(await this.renderRoot.querySelector<SuoraConfirm>('suora-confirm')!.ask({ ...asked, cancel: t.cancel }))) return;
    // The ended link's buttons go: what came of it is said in its card, where focus goes.
    await this.change(`link-${link.id}`, async () => {
      await api('POST', `/api/admin/links/${encodeURIComponent(link.id)}/${action}`);
      this.#previews.clear();
      await this.load();
    }, action === 'revoke' ? t.revokedNow : t.rotatedNow);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${this.manage ? t.allLinks : t.tabs.links}</h2>
      ${this.manage ? this.renderCreate() : nothing}
      ${this.renderLoadState() ?? this.renderLinks()}
      ${this.manage ? html`<suora-confirm lang=${this.locale}></suora-confirm>` : nothing}`;
  }

  private renderCreate(): TemplateResult {
    const { t } = this;
    return html`<form class="row" @submit=${this.create} aria-label=${t.createLink}>
      <div class="field"><label for="link-official">${t.official}</label>
        <select id="link-official" name="officialId" required>
          ${this.officials.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
        </select></div>
      <div class="field"><label for="link-channel">${t.channel}</label>
        <select id="link-channel" name="channel">
          <option value="email">${t.channels.email}</option>
          <option value="sms">${t.channels.sms}</option>
        </select></div>
      ${this.renderActions('create', html`<button type="submit">${t.createLink}</button>`)}
    </form>`;
  }

  private renderLinks(): TemplateResult {
    const { t } = this;
    if (this.links.length === 0) return html`<p>${t.noLinks}</p>`;
    return html`<ul class="plain">
      ${repeat(
                this.links,
                (link) => link.id,
        (link) => html`<li class="card">
          <h3>${link.official.name} · ${link.serviceArea.name[this.locale]} · ${t.channels[link.channel]}</h3>
          <p>${t.linkOwner}: ${link.official.name} · ${t.state}: <span class="badge">${link.revokedAt ? t.revoked : t.inUse}</span></p>
          <p><code>${link.url}</code></p>
          ${link.revokedAt
            ? nothing
            : html`${link.html
                  ? html`<h4 id="preview-${link.id}">${t.signature.preview}</h4>
                      <div class="signature-preview" role="group" aria-labelledby="preview-${link.id}">${this.preview(link)}</div>`
                  : nothing}
                <h4>${link.html ? t.signature.textVersion : t.smsText}</h4><pre>${link.text}</pre>
                ${this.renderActions(`copy-${link.id}`, html`${link.html
                    ? html`<button type="button" @click=${() => this.copy(link.html, link.text, `copy-${link.id}`)}>${t.copyHtml}</button>`
                    : nothing}
                  <button type="button" class="secondary" @click=${() => this.copy(null, link.text, `copy-${link.id}`)}>${t.copyText}</button>`)}
                ${link.html ? html`<details><summary>${t.signature.code}</summary><pre>${link.html}</pre></details>` : nothing}
                ${this.manage
                  ? this.renderActions(`link-${link.id}`, html`<button type="button" class="secondary" @click=${() => this.act(link, 'rotate')}>${t.rotate}</button>
                      <button type="button" class="secondary" @click=${() => this.act(link, 'revoke')}>${t.revoke}</button>`)
                  : nothing}`}
          ${link.revokedAt && this.manage ? this.renderStatus(`link-${link.id}`) : nothing}
        </li>`,
      )}
    </ul>`;
  }
}

defineElement('suora-links', SuoraLinks);
