import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { MailProblem } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import type { SuoraConfirm } from './confirm-dialog.js';
import './confirm-dialog.js';
import { DashboardView } from './view.js';

/**
 * Admins: mail that failed (`GET /api/admin/mail-problems`): what kind, about which items, to
 * which official or to a giver, since when, how many tries and why in words, and when it is
 * tried next, or that its tries are used up. Retry now (once the mail server is fixed) or
 * dismiss (asks first). Never the mail's text or the address.
 */
export class SuoraAdminMail extends DashboardView {
  @state() private accessor problems: MailProblem[] = [];

  protected async load(): Promise<void> {
    this.problems = (await api<{ problems: MailProblem[] }>('GET', '/api/admin/mail-problems')).problems;
  }

  private async retry(problem: MailProblem): Promise<void> {
    await this.change('problems', async () => {
      await api('POST', `/api/admin/mail-problems/${encodeURIComponent(problem.id)}/retry`);
      await this.load();
    }, this.t.mail.retried);
  }

  private async dismiss(problem: MailProblem): Promise<void> {
    const { t } = this;
    const asked = await this.renderRoot.querySelector<SuoraConfirm>('suora-confirm')!.ask({
      title: t.mail.confirmDismiss.replace('{kind}', t.mail.kinds[problem.kind]),
      consequences: [t.mail.dismissConsequence],
      confirm: t.mail.dismiss,
      cancel: t.cancel,
    });
    if (!asked) return;
    await this.change('problems', async () => {
      await api('DELETE', `/api/admin/mail-problems/${encodeURIComponent(problem.id)}`);
      await this.load();
    }, t.mail.dismissed);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h3 tabindex="-1">${t.adminSections.mail}</h3>
      <p class="muted">${t.mail.intro}</p>
      ${this.renderLoadState() ?? (this.problems.length === 0 ? html`<p>${t.mail.none}</p>` : this.renderTable())}
      ${this.renderStatus('problems') /* a problem dealt with leaves the table: what came of it is said here */}
      <suora-confirm lang=${this.locale}></suora-confirm>`;
  }

  private renderTable(): TemplateResult {
    const { t } = this;
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">${t.adminSections.mail}</caption>
      <thead><tr><th scope="col">${t.mail.kind}</th><th scope="col">${t.mail.about}</th><th scope="col">${t.mail.to}</th>
        <th scope="col">${t.mail.since}</th><th scope="col">${t.mail.why}</th><th scope="col">${t.mail.next}</th>
        <th scope="col"><span class="visually-hidden">${t.mail.actions}</span></th></tr></thead>
      <tbody>${this.problems.map(
        (p) => html`<tr>
          <th scope="row">${t.mail.kinds[p.kind]}</th>
          <td>${p.feedbackIds.length ? p.feedbackIds.map((id, i) => html`${i ? ', ' : nothing}<a href="#feedback/${id}">${id}</a>`) : '—'}</td>
          <td>${p.official ? p.official.name : t.mail.giver}</td>
          <td>${this.date(p.createdAt)}</td>
          <td>${t.mail.failures[p.failure]}${p.smtpCode ? ` (${p.smtpCode})` : ''}. ${t.mail.tries.replace('{n}', String(p.attempts)).replace('{at}', this.date(p.lastAttemptAt))}</td>
          <td>${p.nextAttemptAt ? this.date(p.nextAttemptAt) : t.mail.noTriesLeft}</td>
          <td><div class="row">
            <button type="button" class="secondary" aria-label=${t.mail.retryOf.replace('{kind}', t.mail.kinds[p.kind]).replace('{since}', this.date(p.createdAt))} @click=${() => this.retry(p)}>${t.mail.retry}</button>
            <button type="button" class="secondary" aria-label=${t.mail.dismissOf.replace('{kind}', t.mail.kinds[p.kind]).replace('{since}', this.date(p.createdAt))} @click=${() => this.dismiss(p)}>${t.mail.dismiss}</button>
          </div></td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }
}

defineElement('suora-admin-mail', SuoraAdminMail);
