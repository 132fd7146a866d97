import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FeedbackStatus, StaffFeedbackItem } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { DashboardView } from './view.js';

const STATUSES: FeedbackStatus[] = ['new', 'in-progress', 'answered', 'closed'];

/** One feedback item for its official or an admin: read it, change its status, reply, publish. */
export class SuoraFeedbackDetail extends DashboardView {
  @state() private accessor item: StaffFeedbackItem | undefined;
  @state() private accessor replyDraft = '';
  @state() private accessor redaction: string | undefined;
  /** The reply as it is to be published; undefined: the reply as written. */
  @state() private accessor replyRedaction: string | undefined;

  /** The feedback's id (its reference). */
  @property({ attribute: 'feedback-id' }) accessor feedbackId = '';

  protected async load(): Promise<void> {
    this.item = await api<StaffFeedbackItem>('GET', `/api/feedback/${encodeURIComponent(this.feedbackId)}?locale=${this.locale}`);
    this.replyDraft = this.item.reply?.text ?? this.replyDraft;
  }

  private path(suffix = ''): string {
    return `/api/feedback/${encodeURIComponent(this.feedbackId)}${suffix}?locale=${this.locale}`;
  }

  private async saveStatus(event: Event): Promise<void> {
    event.preventDefault();
    const status = new FormData(event.target as HTMLFormElement).get('status') as FeedbackStatus;
    await this.change(async () => {
      this.item = await api<StaffFeedbackItem>('PATCH', this.path(), { status });
    });
  }

  private async sendReply(event: Event): Promise<void> {
    event.preventDefault();
    await this.change(async () => {
      this.item = await api<StaffFeedbackItem>('PATCH', this.path(), { reply: this.replyDraft });
      // A redaction made of the previous reply does not fit the new one.
      this.replyRedaction = undefined;
    }, this.t.replySent);
  }

  private async approve(event: Event): Promise<void> {
    event.preventDefault();
    const comment = this.redaction ?? this.item?.comment ?? undefined;
    const reply = this.item?.reply ? (this.replyRedaction ?? this.item.reply.text) : undefined;
    await this.change(async () => {
      this.item = await api<StaffFeedbackItem>('PUT', this.path('/publication'), {
        ...(comment !== undefined && { comment }),
        ...(reply !== undefined && { reply }),
      });
    });
  }

  private async unpublish(): Promise<void> {
    await this.change(async () => {
      this.item = await api<StaffFeedbackItem>('DELETE', this.path('/publication'));
    });
  }

  override render(): TemplateResult {
    const { t } = this;
    const item = this.item;
    return html`<p><a href="#inbox">← ${t.back}</a></p>
      ${this.renderLoadState() ?? (item ? this.renderItem(item) : nothing)}`;
  }

  private renderItem(item: StaffFeedbackItem): TemplateResult {
    const { t } = this;
    const contact = item.contact ?? {};
    return html`
      <h2 tabindex="-1">${item.topic?.name ?? t.generalFeedback}</h2>
      <dl>
        <dt>${t.reference}</dt><dd><code>${item.id}</code></dd>
        <dt>${t.received}</dt><dd>${this.date(item.createdAt)} · ${t.channels[item.channel]}</dd>
        <dt>${t.dueBy}</dt><dd>${this.due(item, false)}</dd>
        <dt>${t.serviceArea}</dt><dd>${item.serviceArea.name}</dd>
        <dt>${t.routedTo}</dt><dd>${item.official.name}</dd>
        <dt>${t.rating}</dt><dd>${item.rating === null ? t.noRating : `${item.rating}/5`}</dd>
        <dt>${t.visibility}</dt><dd>${item.public ? t.publicChoice : t.privateChoice}</dd>
        ${item.ref ? html`<dt>${t.linkRef}</dt><dd><code>${item.ref}</code></dd>` : nothing}
        ${item.pageUrl ? html`<dt>${t.page}</dt><dd>${item.pageUrl}</dd>` : nothing}
      </dl>
      <p class="comment card">${item.originalComment ?? html`<span class="muted">${t.noComment}</span>`}</p>
      ${Object.keys(contact).length
        ? html`<section aria-labelledby="contact-h"><h3 id="contact-h">${t.contactDetails}</h3>
            <ul>${Object.values(contact).map((v) => html`<li>${v}</li>`)}</ul>
            ${item.wantsReply ? html`<p><strong>${t.wantsReply}</strong></p>` : nothing}</section>`
        : nothing}

      <section aria-labelledby="status-h">
        <h3 id="status-h">${t.changeStatus}</h3>
        <form class="row" @submit=${this.saveStatus}>
          <div class="field"><label for="status">${t.status}</label>
            <select id="status" name="status">
              ${STATUSES.map((s) => html`<option value=${s} ?selected=${item.status === s}>${t.statuses[s]}</option>`)}
            </select></div>
          <button type="submit">${t.save}</button>
        </form>
      </section>

      <section aria-labelledby="reply-h">
        <h3 id="reply-h">${t.reply}</h3>
        ${item.reply ? html`<p class="muted">${t.cityReply}: ${item.reply.author}, ${this.date(item.reply.at)}</p>` : nothing}
        <form @submit=${this.sendReply}>
          <div class="field">
            <label for="reply">${t.reply}</label>
            <p class="hint" id="reply-hint">${t.replyHint}</p>
            ${item.published && item.publishedReply !== null ? html`<p class="hint" id="reply-redacted-note">${t.redactedReplyNote}</p>` : nothing}
            <textarea id="reply" aria-describedby=${item.published && item.publishedReply !== null ? 'reply-hint reply-redacted-note' : 'reply-hint'} required .value=${this.replyDraft}
              @input=${(e: InputEvent) => (this.replyDraft = (e.target as HTMLTextAreaElement).value)}></textarea>
          </div>
          <p><button type="submit">${t.sendReply}</button></p>
        </form>
      </section>

      <section aria-labelledby="publication-h">
        <h3 id="publication-h">${t.publication}</h3>
        ${this.renderPublication(item)}
      </section>
      ${this.renderStatus()}
    `;
  }

  private renderPublication(item: StaffFeedbackItem): TemplateResult {
    const { t } = this;
    if (!item.public) return html`<p>${t.notPublicNote}</p>`;
    if (item.published) {
      return html`<p>${t.publishedNote}</p>
        <p class="comment card">${item.comment}</p>
        ${item.reply ? html`<p class="comment card"><strong>${t.cityReply}:</strong> ${item.publishedReply ?? item.reply.text}</p>` : nothing}
        <button type="button" class="secondary" @click=${this.unpublish}>${t.unpublish}</button>`;
    }
    return html`<form @submit=${this.approve}>
      <div class="field">
        <label for="redaction">${t.redactedComment}</label>
        <textarea id="redaction" .value=${this.redaction ?? item.originalComment ?? ''}
          @input=${(e: InputEvent) => (this.redaction = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      ${item.reply
        ? html`<div class="field">
            <label for="reply-redaction">${t.redactedReply}</label>
            <p class="hint" id="reply-redaction-hint">${t.redactedReplyHint}</p>
            <textarea id="reply-redaction" aria-describedby="reply-redaction-hint" required .value=${this.replyRedaction ?? item.reply.text}
              @input=${(e: InputEvent) => (this.replyRedaction = (e.target as HTMLTextAreaElement).value)}></textarea>
          </div>`
        : nothing}
      <p><button type="submit">${t.approve}</button></p>
    </form>`;
  }
}

defineElement('suora-feedback-detail', SuoraFeedbackDetail);
