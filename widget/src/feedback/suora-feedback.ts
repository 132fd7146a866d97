import { html, LitElement, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import type { COMMENT_MAX_LENGTH, FeedbackSubmission, MIN_FILL_MS, TopicSummary } from '../../../contract/api.js';
import { ApiClient, type Failure } from '../shared/api-client.js';
import { defineElement } from '../shared/define.js';
import { addFrame, frameStyles } from '../shared/frame.js';
import { resolveLocale, SUPPORTED_LOCALES, TRANSLATIONS, type Locale, type Translation } from '../shared/localize.js';
import { renderRatingInput } from '../shared/rating-input.js';
import { draftSubmission, emptyDraft, fieldErrorsFromServer, validateDraft, type Draft, type FieldErrors } from './draft.js';
import { FIELDS, type Rules } from './fields.js';
import { errorText, renderComment, renderContact, renderFieldError, renderVisibility, type FormFields } from './form-fields.js';
import { styles } from './suora-feedback.styles.js';

const MAX_COMMENT: typeof COMMENT_MAX_LENGTH = 4000;
const MIN_FILL: typeof MIN_FILL_MS = 1000;
/** Where this script was loaded from: the default server to talk to. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * A feedback form for any city page: a topic, a 1–5 rating, a comment, the giver's choice of
 * public or private, optional contact details. Sends nothing until the person presses
 * send; keeps everything typed when sending fails. No cookies, no tracking. It has no slots.
 * (test/widget/element-docs.test.ts checks these tags against what renders, and the README against them.)
 *
 * @attr mode - `inline` (default): the form in place. `button`: a floating button that opens the form in a dialog.
 * @attr topic - A topic id: the page is about this topic, and the topic picker is hidden.
 * @attr service-area - A service area id: the picker offers only its topics; general feedback goes to the area's contact.
 * @attr official - An official id, for a page of one official's service (a topic's routing still wins).
 * @attr api - The Suora server's origin. Default: where the script was loaded from.
 * @attr lang - `fi`, `sv` or `en`. Default: the closest `lang` on the page; people can switch in the form.
 *
 * @event suora-sent - The feedback was stored. `detail: { id }` is its reference.
 *
 * @csspart button - The floating "Give feedback" button (mode `button`).
 * @csspart dialog - The dialog that holds the form (mode `button`).
 * @csspart form - The form, and the thank-you that replaces it.
 * @csspart heading - The form's heading (and the thank-you's).
 * @csspart rating - The rating fieldset.
 * @csspart submit - The send button.
 *
 * @cssproperty --suora-color-primary - Buttons and the selected rating. Default #0a5cad.
 * @cssproperty --suora-color-on-primary - Text on primary. Default white.
 * @cssproperty --suora-color-text - Text. Default #1b1b1b.
 * @cssproperty --suora-color-muted - Hints and the character count. Default #4f5458.
 * @cssproperty --suora-color-background - The form's background. Default white.
 * @cssproperty --suora-color-error - Error messages and borders. Default #b3261e.
 * @cssproperty --suora-color-focus - The focus ring. Default #ffbf47.
 * @cssproperty --suora-font-family - Default: the page's font.
 * @cssproperty --suora-radius - Corner radius. Default 6px.
 */
export class SuoraFeedback extends LitElement {
  static override styles: CSSResultGroup = [frameStyles, styles];

  static override properties = {
    mode: { reflect: true },
    topic: {},
    serviceArea: { attribute: 'service-area' },
    official: {},
    api: {},
    lang: { reflect: true },
    topics: { state: true },
    topicsFailed: { state: true },
    draft: { state: true },
    errors: { state: true },
    phase: { state: true },
    failure: { state: true },
    sentId: { state: true },
    announcement: { state: true },
  };

  protected client!: ApiClient;
  /** The city's privacy notice in the topics' language, as the server names it. */
  protected privacyUrl: string | undefined;
  #shownAt = performance.now();
  #topicsLocale: Locale | undefined;
  /** The person has turned to the form: from then on it may grow (see renderContact). */
  #engaged = false;
  #langObserver = new MutationObserver(() => this.requestUpdate());

  // Reactive properties are declared, not decorated: decorators cost the widget kilobytes.
  private declare topics: TopicSummary[] | undefined;
  private declare topicsFailed: boolean;
  protected declare draft: Draft;
  protected declare errors: FieldErrors;
  protected declare phase: 'editing' | 'sending' | 'sent';
  protected declare failure: Failure | undefined;
  protected declare sentId: string;
  protected declare announcement: string;

  /** `inline`: the form in place. `button`: a floating button that opens it in a dialog. */
  declare mode: 'inline' | 'button';
  /** A topic id: the page is about this topic, so the topic picker is hidden. */
  declare topic: string;
  /** A service area id: the picker offers only its topics, and feedback without one goes to the area. */
  declare serviceArea: string;
  /** An official id, for a page of one official's service; a topic's routing still wins. */
  declare official: string;
  /** The Suora server's origin. Default: where this script was loaded from. */
  declare api: string;
  /** `fi`, `sv` or `en`. Default: the closest `lang` on the page. */
  declare lang: string;

  constructor() {
    super();
    this.topicsFailed = false;
    this.draft = emptyDraft();
    this.errors = {};
    this.phase = 'editing';
    this.sentId = '';
    this.announcement = '';
    this.mode = 'inline';
    this.topic = '';
    this.serviceArea = '';
    this.official = '';
    this.api = SCRIPT_ORIGIN;
    this.lang = '';
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  protected override createRenderRoot(): HTMLElement {
    return addFrame(super.createRenderRoot(), this.renderOptions);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    if (this.hasUpdated) this.showButton();
  }

  protected override updated(): void {
    this.showButton();
  }

  /** The floating button is a popover, shown while the element is on the page: the top layer escapes any ancestor's CSS. */
  private showButton(): void {
    const button = this.renderRoot.querySelector<HTMLElement>('.open');
    if (this.isConnected && button?.showPopover && !button.matches(':popover-open')) button.showPopover();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api')) this.client = this.createClient(this.api || SCRIPT_ORIGIN);
    // The floating button's form asks for its topics only when the dialog opens.
    const shown = this.mode !== 'button' || this.dialog?.open;
    if (shown && (changed.has('api') || this.#topicsLocale !== this.locale)) void this.loadData();
  }

  protected createClient(origin: string): ApiClient {
    return new ApiClient(origin);
  }

  protected get locale(): Locale {
    return resolveLocale(this);
  }

  protected get t(): Translation {
    return TRANSLATIONS[this.locale];
  }

  /** Without a preset topic, area or official, the person must choose a topic. */
  protected get topicRequired(): boolean {
    return !this.topic && !this.serviceArea && !this.official;
  }

  protected get selectedTopic(): TopicSummary | undefined {
    const id = this.topic || this.draft.topic;
    return this.topics?.find((t) => t.id === id);
  }

  /** Loads what the form offers (the topics); called on connect and when the language changes. */
  protected async loadData(): Promise<void> {
    const locale = this.locale;
    this.#topicsLocale = locale;
    this.topicsFailed = false;
    const result = await this.client.topics(locale);
    if (locale !== this.#topicsLocale) return;
    if (result.ok) ({ topics: this.topics, privacyUrl: this.privacyUrl } = result.value);
    else this.topicsFailed = true;
  }

  protected setDraft(change: Partial<Draft>): void {
    this.draft = { ...this.draft, ...change };
    for (const key of Object.keys(change)) {
      if (key in this.errors) this.errors = { ...this.errors, [key]: undefined };
    }
  }

  protected async send(): Promise<void> {
    if (this.phase === 'sending') return;
    const errors = validateDraft(this.draft, this.rules);
    this.failure = undefined;
    if (Object.values(errors).some(Boolean)) return this.showErrors(errors);

    this.phase = 'sending';
    this.announcement = this.t.sending;
    await this.filledLongEnough();
    const result = await this.client.submit(this.submission());
    if (result.ok) {
      this.phase = 'sent';
      this.sentId = result.value.id;
      this.announcement = `${this.t.sentHeading} ${this.t.reference}: ${result.value.id}`;
      this.dispatchEvent(new CustomEvent('suora-sent', { detail: { id: result.value.id }, bubbles: true, composed: true }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.sent h2')?.focus();
      return;
    }
    this.phase = 'editing';
    this.announcement = '';
    this.failure = result;
    if (result.kind === 'rejected') return this.showErrors(fieldErrorsFromServer(result.error, this.draft, this.rules));
    // The disabled Send button lost the focus: it goes to the retry, beside the failure's words.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.failure button')?.focus();
  }

  /** What the draft is checked against that the form itself does not hold. */
  protected get rules(): Rules {
    return { topicRequired: this.topicRequired, maxComment: MAX_COMMENT };
  }

  /** The server takes a form sent within a second of showing for a bot's: a person's fast answer waits out the rest. */
  protected async filledLongEnough(): Promise<void> {
    const wait = MIN_FILL - this.fillMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  protected get fillMs(): number {
    return Math.min(86_400_000, Math.round(performance.now() - this.#shownAt));
  }

  protected showErrors(errors: FieldErrors): void {
    this.errors = errors;
    this.announcement = this.t.errors.summary;
    void this.updateComplete.then(() => {
      const first = FIELDS.find((field) => errors[field.name as keyof FieldErrors])?.name;
      this.renderRoot.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    });
  }

  protected submission(): FeedbackSubmission {
    // The page's preset topic wins over the draft's; the server takes a missing field, not an empty one.
    const { topic, serviceArea, official } = this;
    return {
      ...draftSubmission(this.draft, this.selectedTopic?.forBusinesses),
      ...(topic && { topic }),
      ...(serviceArea && { serviceArea }),
      ...(official && { official }),
      pageUrl: location.origin + location.pathname,
      locale: this.locale,
      fillMs: this.fillMs,
    } as FeedbackSubmission;
  }

  private startOver(): void {
    this.draft = emptyDraft();
    this.errors = {};
    this.phase = 'editing';
    this.announcement = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('form h2')?.focus());
  }

  private openDialog(): void {
    this.dialog?.showModal();
    this.requestUpdate();
    this.renderRoot.querySelector<HTMLElement>('dialog h2')?.focus();
  }

  override render(): TemplateResult {
    const content = html`${this.phase === 'sent' ? this.renderSent() : this.renderForm()}${this.renderAnnouncement()}`;
    if (this.mode !== 'button') return content;
    return html`
      <button class="open" part="button" popover="manual" aria-haspopup="dialog" @click=${this.openDialog}>${this.t.openButton}</button>
      <dialog part="dialog" aria-labelledby="heading">
        <button class="close" aria-label=${this.t.close} @click=${() => this.dialog?.close()}>×</button>
        ${content}
      </dialog>
    `;
  }

  /** The live region: rendered from the start, so that screen readers announce its changes. */
  protected renderAnnouncement(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  protected renderSent(): TemplateResult {
    return html`<div class="sent" part="form">
      <h2 tabindex="-1" id="heading" part="heading">${this.t.sentHeading}</h2>
      <p>${this.t.sentBody}</p>
      <p>${this.t.reference}: <strong class="reference">${this.sentId}</strong></p>
      <button type="button" class="secondary" @click=${this.startOver}>${this.t.sendAnother}</button>
    </div>`;
  }

  private renderForm(): TemplateResult {
    const { t, draft, errors } = this;
    return html`
      <form part="form" novalidate @submit=${(e: Event) => (e.preventDefault(), void this.send())} @focusin=${this.engage}>
        <div class="header">
          <h2 tabindex="-1" id="heading" part="heading">${t.heading}</h2>
          ${this.renderLanguageSwitch()}
        </div>
        <p class="note">${t.sensitiveNote}</p>
        ${this.renderTopicPicker()}
        ${renderRatingInput({
          id: 'rating',
          value: draft.rating,
          t,
          error: errors.rating && errorText(t, errors.rating),
          onChange: (rating) => this.setDraft({ rating }),
        })}
        ${this.renderComment()} ${this.renderVisibility()} ${this.renderContact()}
        <div class="visually-hidden" aria-hidden="true">
          <label>${t.leaveEmpty} <input name="website" tabindex="-1" autocomplete="off" .value=${draft.website}
            @input=${(e: InputEvent) => this.setDraft({ website: (e.target as HTMLInputElement).value })} /></label>
        </div>
        ${this.renderFailure()}
        <button type="submit" class="primary" part="submit" ?disabled=${this.phase === 'sending'}>
          ${this.phase === 'sending' ? t.sending : t.send}
        </button>
      </form>
    `;
  }

  private engage(): void {
    if (this.#engaged) return;
    this.#engaged = true;
    this.requestUpdate();
  }

  protected renderLanguageSwitch(): TemplateResult {
    return html`<div class="languages" role="group" aria-label=${this.t.languageChoice}>
      ${SUPPORTED_LOCALES.map(
        (locale) => html`<button type="button" lang=${locale} aria-pressed=${locale === this.locale ? 'true' : 'false'}
          @click=${() => (this.lang = locale)}>${locale.toUpperCase()}<span class="visually-hidden">
          ${TRANSLATIONS[locale].languageName}</span></button>`,
      )}
    </div>`;
  }

  private renderTopicPicker(): TemplateResult | typeof nothing {
    const { t } = this;
    if (this.topic) return nothing;
    const topics = (this.topics ?? []).filter((topic) => !this.serviceArea || topic.serviceArea.id === this.serviceArea);
    const optional = Boolean(this.serviceArea || this.official);
    return html`<div class="field">
      <label for="topic">${t.topic}</label>
      ${renderFieldError(this.fields, 'topic')}
      <select id="topic" data-field="topic" aria-invalid=${this.errors.topic ? 'true' : 'false'}
        aria-describedby=${this.errors.topic ? 'topic-error' : nothing}
        @change=${(e: Event) => this.setDraft({ topic: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${!this.draft.topic}>${optional ? t.generalTopic : t.chooseTopic}</option>
        ${topics.map(
          (topic) => html`<option value=${topic.id} ?selected=${this.draft.topic === topic.id}>${topic.name}</option>`,
        )}
      </select>
      ${this.topicsFailed
        ? html`<p class="error">${t.topicsFailed}
            <button type="button" class="link" @click=${() => this.loadData()}>${t.tryAgain}</button></p>`
        : nothing}
    </div>`;
  }

  /** What the field templates (form-fields.ts) read and change. */
  protected get fields(): FormFields {
    const { t, locale, draft, errors, privacyUrl } = this;
    return { t, locale, draft, errors, privacyUrl, privacyPending: this.topics === undefined && !this.topicsFailed, setDraft: (change) => this.setDraft(change) };
  }

  protected renderComment(): TemplateResult {
    return renderComment(this.fields, MAX_COMMENT);
  }

  protected renderVisibility(): TemplateResult {
    return renderVisibility(this.fields);
  }

  /**
   * The business fields appear once the person has turned to the form (a focus in it), not
   * when the topics arrive: a form that grows by itself pushes the page below it (layout shift).
   */
  protected renderContact(): TemplateResult {
    return renderContact(this.fields, this.#engaged && (this.selectedTopic?.forBusinesses ?? false));
  }

  protected renderFailure(): TemplateResult | typeof nothing {
    const failure = this.failure;
    if (!failure) return nothing;
    const { errors } = this.t;
    const message =
      failure.kind !== 'rejected'
        ? errors[failure.kind]
        : Object.values(this.errors).some(Boolean)
          ? errors.summary
          : `${errors.rejected} ${failure.error.message}`;
    return html`<div class="failure" role="alert">
      <p>${message}</p>
      ${failure.kind === 'rejected'
        ? nothing
        : html`<button type="button" class="secondary" @click=${() => this.send()}>${this.t.tryAgain}</button>`}
    </div>`;
  }
}

defineElement('suora-feedback', SuoraFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'suora-feedback': SuoraFeedback;
  }
  interface GlobalEventHandlersEventMap {
    'suora-sent': CustomEvent<{ id: string }>;
  }
}
