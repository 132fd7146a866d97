import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FeedbackEdit, FeedbackSubmission, LinkInfo, PressKind } from '../../../contract/api.js';
import { fieldErrorsFromServer, validateDraft } from '../feedback/draft.js';
import { errorText, type FormFields } from '../feedback/form-fields.js';
import { SuoraFeedback } from '../feedback/suora-feedback.js';
import type { Result } from '../shared/api-client.js';
import { defineElement } from '../shared/define.js';
import { renderRatingInput } from '../shared/rating-input.js';
import { TRANSLATIONS as SURVEY_TRANSLATIONS, type SurveyTranslation } from './locales/index.js';
import { PressWatcher } from './human-press.js';
import { SurveyClient } from './survey-client.js';

/** What a doubtful press would have sent, waiting for a confirming press; or a press refused as automation's. */
interface PendingPress {
  action: () => Promise<void>;
  automated: boolean;
}

/** The vote this browser cast through a link, kept so that a changed mind replaces it. */
interface Vote {
  id: string;
  editKey: string;
  /** Epoch ms; the server's edit window is the real limit. */
  until: number;
}

const VOTE_WINDOW_MS = 15 * 60 * 1000;

/**
 * The survey behind an official's signature or SMS link (`/s/TOKEN?r=4`): who is asking,
 * the rating preselected from the link, an optional comment and contact, and one send button.
 *
 * Mail security scanners open every link and some run the page in a real browser and press
 * what they find, so each press is judged first (human-press.ts): a person's sends at once,
 * a doubtful one asks for a confirming press, automation's sends nothing and the page says
 * so; a script's is ignored. The vote carries how it was pressed (`press`), without which
 * the server does not count an answer through a link. Sending again from the same browser
 * within 15 minutes (the thank-you's "Change your answer", or another rating in the same
 * email) changes that feedback rather than adding another.
 * It has no slots.
 *
 * @attr token - The signature link's token.
 * @attr rating - The rating chosen in the email (`?r=`, 1–5), preselected, not yet sent.
 * @attr ref - A per-message reference carried on the link (`?ref=`).
 * @attr api - The Suora server's origin. Default: where the script was loaded from.
 * @attr lang - `fi`, `sv` or `en`. Default: the closest `lang` on the page.
 * @attr mode - Inherited from `<suora-feedback>`; the survey is always inline.
 * @attr topic - Inherited from `<suora-feedback>`; the link's official and area route the feedback.
 * @attr service-area - Inherited from `<suora-feedback>`; unused on the survey page.
 * @attr official - Inherited from `<suora-feedback>`; unused on the survey page.
 *
 * @event suora-sent - The feedback was stored. `detail: { id }` is its reference.
 *
 * @csspart form - The survey form, and the thank-you that replaces it.
 * @csspart heading - The thank-you's heading.
 * @csspart rating - The rating fieldset.
 * @csspart submit - The send button.
 *
 * @cssproperty --suora-color-primary - Buttons, the selected rating and the recorded rating's edge. Default #0a5cad.
 * @cssproperty --suora-color-on-primary - Text on primary. Default white.
 * @cssproperty --suora-color-text - Text. Default #1b1b1b.
 * @cssproperty --suora-color-muted - Hints and the character count. Default #4f5458.
 * @cssproperty --suora-color-background - The form's background. Default white.
 * @cssproperty --suora-color-error - Error messages and borders. Default #b3261e.
 * @cssproperty --suora-color-focus - The focus ring. Default #ffbf47.
 * @cssproperty --suora-font-family - Default: the page's font.
 * @cssproperty --suora-radius - Corner radius. Default 6px.
 */
export class SuoraSurvey extends SuoraFeedback {
  static override styles = [
    SuoraFeedback.styles,
    css`
      .asker {
        display: grid;
        gap: 0.125em;
      }
      .asker .name {
        font-size: 1.25em;
        font-weight: 700;
      }
      h1 {
        margin: 0;
        font-size: 1.75em;
        line-height: 1.25;
      }
      h1:focus {
        outline: none;
        box-shadow: none;
      }
      .pending {
        display: grid;
        gap: 0.5rem;
        justify-items: start;
      }
    `,
  ];

  #presses = new PressWatcher();
  /** How the press being acted on was made; sent with a new vote. */
  #press: PressKind | undefined;
  protected declare client: SurveyClient;

  @state() private accessor info: LinkInfo | undefined;
  @state() private accessor infoFailed = false;
  @state() private accessor vote: Vote | undefined;
  @state() private accessor pending: PendingPress | undefined;

  /** The signature link's token. */
  @property() accessor token = '';
  /** The rating chosen in the email (`?r=`), preselected, not yet sent. */
  @property({ type: Number }) accessor rating: number | undefined;
  /** A per-message reference carried on the link (`?ref=`). */
  @property() accessor ref = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.vote = this.readVote();
  }

  /** Runs `action` for a person's press; for a doubtful one, asks for a confirming press first. */
  private pressed(event: Event, action: () => Promise<void>): void {
    const { verdict, kind } = this.#presses.judge(event);
    if (verdict === 'script') return;
    if (verdict === 'person') {
      this.pending = undefined;
      this.#press = kind;
      void action();
      return;
    }
    this.pending = { action, automated: verdict === 'automation' };
    this.announcement = this.pending.automated ? this.st.automated : this.st.checkPrompt;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.check')?.focus());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('rating') && this.rating !== undefined && this.draft.rating === undefined) {
      this.draft = { ...this.draft, rating: this.rating };
    }
    super.willUpdate(changed as never);
  }

  protected override createClient(origin: string): SurveyClient {
    return new SurveyClient(origin);
  }

  /** The survey's own texts. */
  private get st(): SurveyTranslation {
    return SURVEY_TRANSLATIONS[this.locale];
  }

  protected override get topicRequired(): boolean {
    return false;
  }

  /** The privacy notice comes with the link's details, in every language. */
  protected override get fields(): FormFields {
    return { ...super.fields, privacyUrl: this.info?.privacyUrl?.[this.locale] };
  }

  protected override async loadData(): Promise<void> {
    if (this.info || !this.token) return;
    this.infoFailed = false;
    const result = await this.client.linkInfo(this.token);
    if (result.ok) this.info = result.value;
    else this.infoFailed = true;
  }

  /**
   * The one send button: the rating with whatever else was written. A browser that answered
   * through this link within the edit window changes that answer instead of adding another.
   */
  protected override async send(): Promise<void> {
    if (this.phase === 'sending') return;
    const errors = validateDraft(this.draft, this.rules);
    this.failure = undefined;
    if (Object.values(errors).some(Boolean)) return this.showErrors(errors);
    this.phase = 'sending';
    this.announcement = this.t.sending;
    const result = await this.record();
    if (!result.ok) {
      this.phase = 'editing';
      this.announcement = '';
      this.failure = result;
      if (result.kind === 'rejected') this.showErrors(fieldErrorsFromServer(result.error, this.draft, this.rules));
      return;
    }
    this.phase = 'sent';
    this.sentId = result.value;
    this.announcement = `${this.t.sentHeading} ${this.t.reference}: ${result.value}`;
    this.dispatchEvent(new CustomEvent('suora-sent', { detail: { id: result.value }, bubbles: true, composed: true }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  /** Stores the answer: a change to this browser's recent one, or a new one. Its reference, or why not. */
  private async record(): Promise<Result<string>> {
    const vote = this.vote;
    if (vote) {
      const { token: _t, ref: _r, website: _w, fillMs: _f, press: _p, ...fields } = this.submission();
      const edit: FeedbackEdit = { editKey: vote.editKey, ...fields };
      const result = await this.client.edit(vote.id, edit);
      if (result.ok) return { ok: true, value: vote.id };
      // Too late to change it (or not this browser's to change): send it as a new answer.
      if (!(result.kind === 'rejected' && result.error.code.startsWith('edit_'))) return result;
      this.forgetVote();
    }
    await this.filledLongEnough();
    const result = await this.client.submit(this.submission());
    if (!result.ok) return result;
    this.saveVote(result.value as { id: string; editKey: string });
    return { ok: true, value: result.value.id };
  }

  /** Back to the form from the thank-you, to change the answer just sent. */
  private changeAnswer(): void {
    this.phase = 'editing';
    this.announcement = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#heading')?.focus());
  }

  protected override submission(): FeedbackSubmission {
    // The link decides topic, area and official; the page address would carry the token.
    const { topic: _t, serviceArea: _s, official: _o, pageUrl: _p, ...rest } = super.submission();
    return { ...rest, token: this.token, press: this.#press, ...(this.ref && { ref: this.ref }) };
  }

  private readVote(): Vote | undefined {
    try {
      const vote = JSON.parse(localStorage.getItem(this.voteKey) ?? 'null') as Vote | null;
      return vote && vote.until > Date.now() ? vote : undefined;
    } catch {
      return undefined;
    }
  }

  private saveVote(created: { id: string; editKey: string }): void {
    this.vote = { ...created, until: Date.now() + VOTE_WINDOW_MS };
    try {
      localStorage.setItem(this.voteKey, JSON.stringify(this.vote));
    } catch {
      // Storage may be off; the vote still works on this page.
    }
  }

  private forgetVote(): void {
    this.vote = undefined;
    try {
      localStorage.removeItem(this.voteKey);
    } catch {
      // Nothing stored.
    }
  }

  private get voteKey(): string {
    return `suora-vote:${this.token}`;
  }

  override render(): TemplateResult {
    if (this.phase === 'sent') return html`${this.renderSent()}${this.renderAnnouncement()}`;
    const { t, st, draft } = this;
    return html`
      <form part="form" novalidate @submit=${(e: Event) => (e.preventDefault(), this.pressed(e, () => this.send()))}>
        <div class="header">
          ${this.renderAsker()} ${this.renderLanguageSwitch()}
        </div>
        <h1 tabindex="-1" id="heading" part="heading">${st.surveyHeading}</h1>
        ${renderRatingInput({
          id: 'rating',
          value: draft.rating,
          t,
          error: this.errors.rating && errorText(t, this.errors.rating),
          onChange: (rating) => this.setDraft({ rating }),
        })}
        <p class="note">${t.sensitiveNote}</p>
        ${this.renderComment()} ${this.renderVisibility()} ${this.renderContact()} ${this.renderFailure()}
        ${this.renderPending()}
        <button type="submit" class="primary" part="submit" ?disabled=${this.phase === 'sending'}>
          ${this.phase === 'sending' ? t.sending : st.send}
        </button>
      </form>
      ${this.renderAnnouncement()}
    `;
  }

  /** The thank-you names who the answer went to, and lets the person change it while the server still takes changes. */
  protected override renderSent(): TemplateResult {
    const { t, st } = this;
    return html`<div class="sent" part="form">
      <h1 tabindex="-1" id="heading" part="heading">${t.sentHeading}</h1>
      ${this.renderAsker(st.sentTo)}
      <p>${t.reference}: <strong class="reference">${this.sentId}</strong></p>
      <p>${st.canChange}</p>
      <button type="button" class="secondary change" @click=${this.changeAnswer}>${st.changeAnswer}</button>
    </div>`;
  }

  /** The request for a confirming press, or why nothing was sent; the live region reads it out too. */
  private renderPending(): TemplateResult | typeof nothing {
    const pending = this.pending;
    if (!pending) return nothing;
    if (pending.automated) return html`<p class="error pending">${this.st.automated}</p>`;
    return html`<div class="pending">
      <p id="check-prompt">${this.st.checkPrompt}</p>
      <button type="button" class="primary check" aria-describedby="check-prompt" @click=${(e: Event) => this.pressed(e, pending.action)}>
        ${this.st.checkButton}
      </button>
    </div>`;
  }

  private renderAsker(intro = this.st.surveyFrom): TemplateResult | typeof nothing {
    if (this.infoFailed) return html`<p class="error">${this.st.linkFailed}</p>`;
    if (!this.info) return nothing;
    const { official, serviceArea } = this.info;
    const area = serviceArea.name[this.locale];
    // No official: the link's owner cannot receive feedback, so the page names only the area that will.
    return html`<div class="asker">
      <span>${intro}</span>
      <span class="name">${official ? official.name : area}</span>
      ${official ? html`<span>${[official.title, area].filter(Boolean).join(', ')}</span>` : nothing}
    </div>`;
  }
}

defineElement('suora-survey', SuoraSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'suora-survey': SuoraSurvey;
  }
}
