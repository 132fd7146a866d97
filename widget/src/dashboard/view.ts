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
    this.loading = true;
    this.loadError = '';
    try {
      await this.load();
    } catch (error) {
      this.loadError = error instanceof ApiFailure && error.status !== 0 ? error.message : this.t.loadFailed;
    } finally {
      this.loading = false;
    }
  }

  /** Runs a change; says "Saved." or why not, without losing what was typed. */
  protected async change(work: () => Promise<void>, done = this.t.saved): Promise<boolean> {
    this.status = '';
    try {
      await work();
      this.status = done;
      return true;
    } catch (error) {
      this.status = `${this.t.errorPrefix} ${error instanceof ApiFailure && error.status !== 0 ? error.message : this.t.loadFailed}`;
      return false;
    }
  }

  protected renderLoadState(): TemplateResult | undefined {
    if (this.loadError) {
      return html`<div role="alert"><p class="error">${this.loadError}</p>
        <button type="button" class="secondary" @click=${() => this.reload()}>${this.t.tryAgain}</button></div>`;
    }
    if (this.loading) return html`<p class="muted">${this.t.loading}</p>`;
    return undefined;
  }

  protected renderStatus(): TemplateResult {
    return html`<p role="status" aria-live="polite" class=${this.status.startsWith(this.t.errorPrefix) ? 'error' : 'muted'}>${this.status}</p>`;
  }
}
