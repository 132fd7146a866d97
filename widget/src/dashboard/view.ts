import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CouncilFeedbackItem, Me } from '../../../contract/api.js';
import { formatDateTime, plural } from '../shared/format.js';
import { resolveLocale, type Locale } from '../shared/localize.js';
import { ApiFailure } from './api.js';
import { TRANSLATIONS, type DashboardTranslation } from './locales/index.js';
import { dashboardStyles } from './styles.js';

/**
 * What every dashboard view shares: the signed-in person, the language, and loading with
 * a visible, announced failure and a retry.
 */
export abstract class DashboardView extends LitElement {
  static override styles = dashboardStyles;

  @state() protected accessor loading = true;
  @state() protected accessor loadError = '';
  /** A short status message for screen readers and sighted users ("Saved."). */
  @state() protected accessor status = '';
  /** Which action's place the status is shown in (`renderStatus(at)`, next to that action's button). */
  @state() protected accessor statusAt = '';
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
    return new Date(iso).toLocaleDateString(`${this.locale}-FI`, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: this.me.timeZone });
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

  /** Runs a change; says "Saved." or why not (at `at`: next to the button that asked), without losing what was typed. */
  protected async change(work: () => Promise<void>, done = this.t.saved, at = ''): Promise<boolean> {
    const hadFocus = this.holdsFocus();
    this.status = '';
    this.statusAt = at;
    let saved = false;
    try {
      await work();
      this.status = done;
      saved = true;
    } catch (error) {
      this.status = `${this.t.errorPrefix} ${error instanceof ApiFailure && error.status !== 0 ? error.message : this.t.loadFailed}`;
    }
    await this.keepFocus(hadFocus);
    return saved;
  }

  /** Whether focus is in this view (in its shadow root, or deeper). */
  protected holdsFocus(): boolean {
    return !!(this.shadowRoot?.activeElement);
  }

  /**
   * After a change redrew the view: when what had focus is gone (a form replaced, a button
   * removed), focus goes to `focusTarget()` rather than dropping to the page's body.
   */
  protected async keepFocus(hadFocus: boolean): Promise<void> {
    if (!hadFocus) return;
    await this.updateComplete;
    if (this.holdsFocus()) return;
    this.focusTarget()?.focus();
  }

  /** Where focus goes when what had it is gone: the view's heading. */
  protected focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('h2[tabindex="-1"], h3[tabindex="-1"]');
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
   * The status region of one action (`at`), placed next to its button: always there, and a line
   * high even when empty, so that "Saved." neither moves the page nor goes unannounced.
   */
  protected renderStatus(at = ''): TemplateResult {
    const text = this.statusAt === at ? this.status : '';
    return html`<p role="status" aria-live="polite" class="status ${text.startsWith(this.t.errorPrefix) ? 'error' : 'muted'}">${text}</p>`;
  }
}
