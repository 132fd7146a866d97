import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CouncilFeedbackItem, Me } from '../../../contract/api.js';
import { DATE_LOCALES, formatDateTime, plural } from '../shared/format.js';
import { resolveLocale, type Locale } from '../shared/localize.js';
import { ApiFailure } from './api.js';
import { TRANSLATIONS, type DashboardTranslation, type ErrorCode } from './locales/index.js';
import { dashboardStyles } from './styles.js';

/**
 * What every dashboard view shares: the signed-in person, the language, and loading with
 * a visible, announced failure and a retry.
 */
export abstract class DashboardView extends LitElement {
  static override styles = dashboardStyles;

  @state() protected accessor loading = true;
  @state() protected accessor loadError = '';
  /** What the last action came to, for screen readers and sighted users ("Saved.", or why not). */
  @state() protected accessor status = '';
  /** Which action's place the status is shown in (`renderStatus(at)`, next to that action's button). */
  @state() protected accessor statusAt = '';
  /** Whether the last action failed: its status is then an alert, not a polite status. */
  @state() protected accessor statusFailed = false;
  #loaded!: () => void;
  /** Settles once the view has loaded for the first time (shown, or showing why not). */
  readonly loaded = new Promise<void>((resolve) => (this.#loaded = resolve));

  /** The signed-in person. */
  @property({ attribute: false }) accessor me!: Me;
  @property({ reflect: true }) override accessor lang = '';

  protected get locale(): Locale {
    return resolveLocale(this);
  }

  protected get t(): DashboardTranslation {
    return TRANSLATIONS[this.locale];
  }

  /** `1 palaute`, `2 palautetta`. */
  protected count(n: number): string {
    return plural(this.locale, n, this.t.count);
  }

  /** What an item is about: its topic, else a survey answer by its channel and area ("Kysely: Sähköpostin allekirjoitus · Elinvoima"). */
  protected about(item: CouncilFeedbackItem): string {
    const { t } = this;
    if (item.topic) return item.topic.name;
    if (item.channel === 'widget') return t.generalFeedback;
    return t.surveyAnswer.replace('{source}', `${t.channels[item.channel]} · ${item.serviceArea.name}`);
  }

  /** A time as the city's clocks showed it, whatever the browser's own zone. */
  protected date(iso: string): string {
    return formatDateTime(this.locale, iso, this.me.timeZone);
  }

  /** A due date as the city's calendar has it, with its weekday. */
  private dueDate(iso: string): string {
    return new Date(iso).toLocaleDateString(DATE_LOCALES[this.locale], { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: this.me.timeZone });
  }

  /** The due date, and "Overdue" in words (not by colour alone) when it has passed on an open item. */
  protected due(item: { dueAt: string | null; overdue: boolean }, labelled = true): TemplateResult {
    const { t } = this;
    if (!item.dueAt) return html`<span class="muted">${t.noDueDate}</span>`;
    return html`<span>${labelled ? `${t.dueBy} ` : ''}${this.dueDate(item.dueAt)}</span>${item.overdue ? html` <strong class="badge overdue">${t.overdue}</strong>` : nothing}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Names of topics and areas come from the server in the chosen language.
    if (changed.has('lang') && changed.get('lang') !== undefined && this.isConnected) void this.reload();
  }

  /** Fetches what the view shows. */
  protected abstract load(): Promise<void>;

  protected async reload(): Promise<void> {
    const hadFocus = this.holdsFocus();
    this.loading = true;
    this.loadError = '';
    try {
      await this.load();
    } catch (error) {
      this.loadError = error instanceof ApiFailure && error.status !== 0 ? error.message : this.t.loadFailed;
    } finally {
      this.loading = false;
    }
    await this.keepFocus(hadFocus);
    this.#loaded();
  }

  /** Says what an action came to, in its place `at` (beside the button that asked). */
  protected say(at: string, text: string, failed = false): void {
    this.statusAt = at;
    this.status = text;
    this.statusFailed = failed;
  }

  /** Runs a change; says `done` or why not at `at` (beside the button that asked), without losing what was typed. */
  protected async change(at: string, work: () => Promise<void>, done = this.t.saved): Promise<boolean> {
    const hadFocus = this.holdsFocus();
    this.say(at, '');
    let saved = false;
    try {
      await work();
      this.say(at, done);
      saved = true;
    } catch (error) {
      this.say(at, `${this.t.errorPrefix} ${this.failure(error)}`, true);
    }
    await this.keepFocus(hadFocus);
    return saved;
  }

  /**
   * A change after which the view loads afresh: when the redraw takes away what had focus
   * (a revoked key's button), focus goes to what came of it rather than to the page's body.
   */
  protected async changeAndLoad(at: string, work: () => Promise<unknown>, done?: string): Promise<boolean> {
    const hadFocus = this.holdsFocus();
    const saved = await this.change(at, async () => void (await work()), done);
    if (saved) {
      await this.load();
      await this.keepFocus(hadFocus);
    }
    return saved;
  }

  /** Says beside the button that a form had nothing to save, rather than nothing at all. */
  protected nothingToSave(at: string): void {
    this.say(at, this.t.nothingToSave);
  }

  /** Why a change failed, in the reader's language when the dashboard knows the server's code, else in the server's words. */
  protected failure(error: unknown): string {
    if (!(error instanceof ApiFailure) || error.status === 0) return this.t.loadFailed;
    return this.refusal(error.code, error.message);
  }

  /** A refusal by the API's `code` in the reader's language, else the server's `message`. */
  protected refusal(code: string, message: string): string {
    return (Object.hasOwn(this.t.errors, code) && this.t.errors[code as ErrorCode]) || message;
  }

  /** Whether focus is in this view (in its shadow root, or deeper). */
  protected holdsFocus(): boolean {
    return !!(this.shadowRoot?.activeElement);
  }

  /**
   * After a change redrew the view: when what had focus is gone (a form replaced, a row
   * removed), focus goes to `focusTarget()` rather than dropping to the page's body.
   */
  protected async keepFocus(hadFocus: boolean): Promise<void> {
    if (!hadFocus) return;
    await this.updateComplete;
    if (this.holdsFocus()) return;
    this.focusTarget()?.focus();
  }

  /** Where focus goes when what had it is gone: what the action came to, else the view's heading. */
  protected focusTarget(): HTMLElement | null {
    const said = this.status ? this.renderRoot.querySelector<HTMLElement>(`p.status[data-status-at="${CSS.escape(this.statusAt)}"]`) : null;
    return said ?? this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"], h3[tabindex="-1"]');
  }

  /** Moves focus to the view's heading once it has loaded, as a page load would for a screen reader. */
  async focusHeading(): Promise<void> {
    await this.loaded;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"], h3[tabindex="-1"]')?.focus();
  }

  protected renderLoadState(): TemplateResult | undefined {
    if (this.loadError) {
      return html`<div role="alert"><p class="error">${this.loadError}</p>
        <button type="button" class="secondary" @click=${() => this.reload()}>${this.t.tryAgain}</button></div>`;
    }
    if (this.loading) return html`<p class="muted">${this.t.loading}</p>`;
    return undefined;
  }

  /**
   * The status of one action (`at`), placed next to its button: a polite status for what went
   * well, an alert for what did not. Both regions are always there (a region added with its text
   * goes unannounced), and a line high even when empty, so that "Saved." does not move the page.
   */
  protected renderStatus(at: string): TemplateResult {
    const text = this.statusAt === at ? this.status : '';
    return html`<p class="status" data-status-at=${at} tabindex="-1"><span role="status" aria-live="polite">${this.statusFailed ? '' : text}</span><span role="alert" class="error">${this.statusFailed ? text : ''}</span></p>`;
  }

  /** An edit form's way out: "Cancel" until it has saved, then "Close". */
  protected closeOrCancel(at: string): string {
    return this.statusAt === at && this.status && !this.statusFailed ? this.t.close : this.t.cancel;
  }

  /** An action's buttons with its status beside them. */
  protected renderActions(at: string, buttons: unknown): TemplateResult {
    return html`<div class="actions">${buttons}${this.renderStatus(at)}</div>`;
  }
}
