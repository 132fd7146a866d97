import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FeedbackStatus, HandlersResponse, ReplyTemplate, StaffFeedbackDetail, StaffFeedbackItem, TopicSummary, TopicsResponse } from '../../../contract/api.js';
import { emailForPeople } from '../../../contract/email-for-people.js';
import { defineElement } from '../shared/define.js';
import { api, ApiFailure } from './api.js';
import { renderHistory } from './history.js';
import { DashboardView } from './view.js';

const STATUSES: FeedbackStatus[] = ['new', 'in-progress', 'answered', 'closed'];
/** The giver's contact details in the order a reader looks for them. */
const CONTACT_FIELDS = ['name', 'organisation', 'email', 'phone', 'businessId'] as const;

/** One feedback item for its official or an admin: read it and its history, change its status, reply, publish, note, forward. */
export class SuoraFeedbackDetail extends DashboardView {
  @state() private accessor item: StaffFeedbackDetail | undefined;
  @state() private accessor officials: HandlersResponse['officials'] = [];
  @state() private accessor topics: TopicSummary[] = [];
  @state() private accessor forwardTo: 'official' | 'topic' = 'official';
  @state() private accessor noteDraft = '';
  @state() private accessor forwardNote = '';
  /** Set once the item was forwarded to someone else and the signed-in official may no longer open it. */
  @state() private accessor forwardedAway: string | undefined;
  @state() private accessor replyDraft = '';
  @state() private accessor templates: ReplyTemplate[] = [];
  /** Whether a corrected reply is emailed to the giver again: only when the official asks. */
  @state() private accessor notifyCorrection = false;
  @state() private accessor redaction: string | undefined;
  /** The reply as it is to be published; undefined: the reply as written. */
  @state() private accessor replyRedaction: string | undefined;

  /** The feedback's id (its reference). */
  @property({ attribute: 'feedback-id' }) accessor feedbackId = '';

  protected async load(): Promise<void> {
    const [item, officials, topics, { templates }] = await Promise.all([
      api<StaffFeedbackDetail>('GET', this.path()),
      api<HandlersResponse>('GET', `/api/officials?locale=${this.locale}`),
      api<TopicsResponse>('GET', `/api/topics?locale=${this.locale}`),
      api<{ templates: ReplyTemplate[] }>('GET', '/api/templates'),
    ]);
    this.item = item;
    this.officials = officials.officials;
    this.topics = topics.topics;
    this.templates = templates;
    this.replyDraft = this.item.reply?.text ?? this.replyDraft;
  }

  /** Puts the chosen template, in the giver's language, into the reply for editing (after what is there); sends nothing. */
  private insertTemplate(): void {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#template');
    const template = this.templates.find((x) => x.id === select?.value);
    if (!template || !this.item) return;
    const text = template.text[this.item.locale];
    this.replyDraft = this.replyDraft.trim() ? `${this.replyDraft.trimEnd()}\n\n${text}` : text;
    this.say('reply', this.t.templateInserted);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('#reply')?.focus());
  }
  /** After a change: the item as stored, with its history. */
  private async refresh(): Promise<void> {
    this.item = await api<StaffFeedbackDetail>('GET', this.path());
  }

  /** Whether the item still opens for the signed-in person (the server says: not found once out of reach). */
  private async stillOpens(): Promise<boolean> {
    return api('GET', this.path()).then(
      () => true,
      (error: unknown) => (error instanceof ApiFailure && error.status === 404 ? false : Promise.reject(error)),
    );
  }

  private async addNote(event: Event): Promise<void> {
    event.preventDefault();
    const saved = await this.change('notes', async () => {
      await api('POST', this.path('/notes'), { text: this.noteDraft });
      await this.refresh();
    }, this.t.noteAdded);
    if (saved) this.noteDraft = '';
  }

  private async forward(event: Event): Promise<void> {
    event.preventDefault();
    const target = String(new FormData(event.target as HTMLFormElement).get('target') ?? '');
    let name = '';
    const saved = await this.change('forward', async () => {
      const updated = await api<StaffFeedbackItem>('POST', this.path('/forward'), { [this.forwardTo]: target, note: this.forwardNote });
      name = updated.official.name;
      // Someone else's now: an official may no longer open it, an admin always may, a manager while it stays in their area.
      const stays = this.me.role === 'admin' || updated.official.id === this.me.id || (this.me.role === 'manager' && (await this.stillOpens()));
      if (stays) await this.refresh();
      else this.forwardedAway = name;
    }, '');
    if (!saved) return;
    this.forwardNote = '';
    this.say('forward', this.forwardedAway ? '' : this.t.forwarded(name));
    if (this.forwardedAway) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#forwarded-away')?.focus();
    }
  }

  /** After an action whose form went away (approving replaces the form): its section's heading. */
  protected override focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${this.statusAt || 'item'}-h`) ?? super.focusTarget();
  }

  private path(suffix = ''): string {
    return `/api/feedback/${encodeURIComponent(this.feedbackId)}${suffix}?locale=${this.locale}`;
  }

  private async saveStatus(event: Event): Promise<void> {
    event.preventDefault();
    const status = new FormData(event.target as HTMLFormElement).get('status') as FeedbackStatus;
    await this.change('status', async () => {
      await api<StaffFeedbackItem>('PATCH', this.path(), { status });
      await this.refresh();
    }, this.t.saved);
  }

  private async sendReply(event: Event): Promise<void> {
    event.preventDefault();
    await this.change('reply', async () => {
      // The first reply is mailed to a giver who asked for one; a correction only when ticked.
      const correction = this.item?.reply ? { notify: this.notifyCorrection } : {};
      await api<StaffFeedbackItem>('PATCH', this.path(), { reply: this.replyDraft, ...correction });
      await this.refresh();
      // A redaction made of the previous reply does not fit the new one.
      this.replyRedaction = undefined;
      this.notifyCorrection = false;
    }, this.t.replySent);
  }

  private async approve(event: Event): Promise<void> {
    event.preventDefault();
    const comment = this.redaction ?? this.item?.comment ?? undefined;
    const reply = this.item?.reply ? (this.replyRedaction ?? this.item.reply.text) : undefined;
    await this.change('publication', async () => {
      await api<StaffFeedbackItem>('PUT', this.path('/publication'), {
        ...(comment !== undefined && { comment }),
        ...(reply !== undefined && { reply }),
      });
      await this.refresh();
    }, this.t.saved);
  }

  private async unpublish(): Promise<void> {
    await this.change('publication', async () => {
      await api<StaffFeedbackItem>('DELETE', this.path('/publication'));
      await this.refresh();
    }, this.t.saved);
  }

  override render(): TemplateResult {
    const { t } = this;
    const item = this.item;
    if (this.forwardedAway) {
      return html`<p id="forwarded-away" tabindex="-1" role="status">${t.forwardedAway(this.forwardedAway)}</p>
        <p><a class="own-line" href="#inbox">← ${t.back}</a></p>`;
    }
    return html`<p><a class="own-line" href="#inbox">← ${t.back}</a></p>
      ${this.renderLoadState() ?? (item ? this.renderItem(item) : nothing)}`;
  }

  private renderItem(item: StaffFeedbackDetail): TemplateResult {
    const { t } = this;
    // The card, then who gave it and what happened to it, then what to do: the reading order at any width.
    return html`<div class="detail-layout">
      ${this.renderCard(item)}
      <div class="detail-side">
        ${this.renderContact(item)}
        <section aria-labelledby="history-h" class="card">
          <h3 id="history-h">${t.history}</h3>
          ${renderHistory(item.history, t, (iso) => this.date(iso))}
        </section>
      </div>
      <div class="detail-main">

        <section aria-labelledby="reply-h">
          <h3 id="reply-h" tabindex="-1">${t.detail.replyHeading}</h3>
          ${item.reply ? html`<p class="muted">${t.cityReply}: ${item.reply.author}, ${this.date(item.reply.at)}</p>` : nothing}
          ${this.templates.length
            ? html`<div class="row">
                <div class="field"><label for="template">${t.insertTemplate}</label>
                  <select id="template">${this.templates.map((x) => html`<option value=${x.id}>${x.name}</option>`)}</select></div>
                <button type="button" class="secondary" @click=${this.insertTemplate}>${t.insert}</button>
              </div>`
            : nothing}
          <form @submit=${this.sendReply}>
            <div class="field">
              <label for="reply">${t.detail.replyLabel}</label>
              <p class="hint" id="reply-hint">${t.replyHint}</p>
              ${item.published ? html`<p class="hint" id="reply-published-note">${t.publishedReplyNote}</p>` : nothing}
              <textarea id="reply" aria-describedby=${item.published ? 'reply-hint reply-published-note' : 'reply-hint'} required .value=${this.replyDraft}
                @input=${(e: InputEvent) => (this.replyDraft = (e.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            ${item.reply && item.wantsReply
              ? html`<p><label><input type="checkbox" name="notify" .checked=${this.notifyCorrection}
                  @change=${(e: Event) => (this.notifyCorrection = (e.target as HTMLInputElement).checked)} /> ${t.notifyCorrection}</label></p>`
              : nothing}
            ${this.renderActions('reply', html`<button type="submit">${item.reply ? t.saveCorrectedReply : t.sendReply}</button>`)}
          </form>
        </section>

        <section aria-labelledby="status-h">
          <h3 id="status-h" tabindex="-1">${t.changeStatus}</h3>
          <form @submit=${this.saveStatus}>
            <div class="field"><label for="status">${t.status}</label>
              <select id="status" name="status">
                ${STATUSES.map((s) => html`<option value=${s} ?selected=${item.status === s}>${t.statuses[s]}</option>`)}
              </select></div>
            ${this.renderActions('status', html`<button type="submit">${t.save}</button>`)}
          </form>
        </section>

        <section aria-labelledby="publication-h">
          <h3 id="publication-h" tabindex="-1">${t.publication}</h3>
          ${this.renderPublication(item)}
        </section>

        <section aria-labelledby="notes-h">
          <h3 id="notes-h" tabindex="-1">${t.notes}</h3>
          <form @submit=${this.addNote}>
            <div class="field">
              <label for="note">${t.newNote}</label>
              <p class="hint" id="note-hint">${t.noteHint}</p>
              <textarea id="note" aria-describedby="note-hint" required maxlength="2000" .value=${this.noteDraft}
                @input=${(e: InputEvent) => (this.noteDraft = (e.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            ${this.renderActions('notes', html`<button type="submit">${t.addNote}</button>`)}
          </form>
        </section>

        <section aria-labelledby="forward-h">
          <h3 id="forward-h" tabindex="-1">${t.forward}</h3>
          ${this.renderForward(item)}
        </section>
      </div>
    </div>`;
  }

  /** The item at a glance: what it is about, its state, what the giver wrote, and its facts as label–value pairs. */
  private renderCard(item: StaffFeedbackDetail): TemplateResult {
    const { t } = this;
    const fact = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`<article class="card item-card" aria-labelledby="item-h">
      <h2 id="item-h" tabindex="-1">${this.about(item)}</h2>
      <p class="item-state">
        <span class="badge">${t.statuses[item.status]}</span>
        <span class="badge">${item.public ? t.publicChoice : t.privateChoice}</span>
        ${item.published ? html`<span class="badge">${t.published}</span>` : nothing}
        ${item.overdue ? html`<strong class="badge overdue">${t.overdue}</strong>` : nothing}
      </p>
      <h3 class="visually-hidden">${t.detail.comment}</h3>
      ${item.originalComment
        ? html`<blockquote class="comment quote">${item.originalComment}</blockquote>`
        : html`<p class="muted">${t.noComment}</p>`}
      <dl class="facts">
        ${fact(t.rating, item.rating === null ? t.noRating : `${item.rating}/5`)}
        ${fact(t.received, `${this.date(item.createdAt)} · ${t.channels[item.channel]}`)}
        ${fact(t.dueBy, this.due(item, false))}
        ${fact(t.serviceArea, item.serviceArea.name)}
        ${fact(t.routedTo, item.official.name)}
        ${item.routedVia ? fact(t.deputyFor, item.routedVia.deputyFor.name) : nothing}
        ${fact(t.reference, item.id)}
        ${item.ref ? fact(t.linkRef, item.ref) : nothing}
        ${item.pageUrl ? fact(t.page, html`<span class="url">${item.pageUrl}</span>`) : nothing}
      </dl>
    </article>`;
  }

  /** The giver's contact details, each under its label; email and phone as links to write or call. */
  private renderContact(item: StaffFeedbackDetail): TemplateResult | typeof nothing {
    const { t } = this;
    const contact = item.contact ?? {};
    const fields = CONTACT_FIELDS.filter((key) => contact[key]);
    if (fields.length === 0) return nothing;
    const value = (key: (typeof CONTACT_FIELDS)[number], v: string) => {
      if (key === 'email') return html`<a class="own-line" href="mailto:${v}">${emailForPeople(v)}</a>`;
      if (key === 'phone') return html`<a href="tel:${v.replace(/[^\d+]/g, '')}">${v}</a>`;
      return v;
    };
    return html`<section aria-labelledby="contact-h" class="card">
      <h3 id="contact-h">${t.contactDetails}</h3>
      <dl class="facts single">
        ${fields.map((key) => html`<div><dt>${t.detail.contact[key]}</dt><dd>${value(key, contact[key]!)}</dd></div>`)}
      </dl>
      ${item.wantsReply ? html`<p><strong class="badge">${t.wantsReply}</strong></p>` : nothing}
    </section>`;
  }

  private renderForward(item: StaffFeedbackDetail): TemplateResult {
    const { t } = this;
    const choices: [string, string][] =
      this.forwardTo === 'official'
        ? this.officials.filter((o) => o.id !== item.official.id).map((o) => [o.id, `${o.name}, ${o.serviceArea.name}`])
        : this.topics.map((topic) => [topic.id, `${topic.name} (${topic.serviceArea.name})`]);
    const kind = (value: 'official' | 'topic', label: string) => html`<label class="choice">
      <input type="radio" name="forward-to" value=${value} .checked=${this.forwardTo === value} @change=${() => (this.forwardTo = value)} /> ${label}</label>`;
    return html`<form @submit=${this.forward}>
      <p class="hint" id="forward-hint">${t.forwardHint}</p>
      <fieldset>
        <legend>${t.forwardTo}</legend>
        ${kind('official', t.toOfficial)} ${kind('topic', t.toTopic)}
      </fieldset>
      <div class="field">
        <label for="forward-target">${this.forwardTo === 'official' ? t.official : t.topic}</label>
        <select id="forward-target" name="target" required aria-describedby="forward-hint">
          <option value="">${t.choose}</option>
          ${choices.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="forward-note">${t.forwardNote}</label>
        <textarea id="forward-note" required maxlength="2000" .value=${this.forwardNote}
          @input=${(e: InputEvent) => (this.forwardNote = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      ${this.renderActions('forward', html`<button type="submit">${t.forward}</button>`)}
    </form>`;
  }

  private renderPublication(item: StaffFeedbackItem): TemplateResult {
    const { t } = this;
    if (!item.public) return html`<p>${t.notPublicNote}</p>`;
    if (item.published) {
      return html`<p>${t.publishedNote}</p>
        <blockquote class="comment quote">${item.comment}</blockquote>
        ${item.reply ? html`<p class="comment card"><strong>${t.cityReply}:</strong> ${item.publishedReply ?? item.reply.text}</p>` : nothing}
        ${this.renderActions('publication', html`<button type="button" class="secondary" @click=${this.unpublish}>${t.unpublish}</button>`)}`;
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
      ${this.renderActions('publication', html`<button type="submit">${t.approve}</button>`)}
    </form>`;
  }
}

defineElement('suora-feedback-detail', SuoraFeedbackDetail);
