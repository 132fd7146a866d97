import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LoginLinkRequest, SignInMethods } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { resolveLocale, SUPPORTED_LOCALES, TRANSLATIONS as WIDGET_TRANSLATIONS } from '../shared/localize.js';
import { api, ApiFailure } from './api.js';
import { TRANSLATIONS, type DashboardTranslation } from './locales/index.js';
import { dashboardStyles } from './styles.js';

/**
 * The signed-out dashboard: the city's single sign-on when the server offers it, and a
 * form that emails a one-time sign-in link. Both come back to where the person was (the
 * location's fragment, e.g. an item a notification mail linked to).
 */
export class SuoraSignIn extends LitElement {
  static override styles = [
    dashboardStyles,
    css`
      .languages {
        justify-content: flex-end;
      }
      .languages button {
        padding: 0.125rem 0.5rem;
      }
    `,
  ];

  @property({ reflect: true }) override accessor lang = '';
  @state() private accessor singleSignOn = false;
  @state() private accessor sending = false;
  /** The confirmation, in the live region. */
  @state() private accessor status = '';
  @state() private accessor error = '';

  private get t(): DashboardTranslation {
    return TRANSLATIONS[resolveLocale(this)];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without an answer the email link is still there: it needs nothing from the server to show.
    void api<SignInMethods>('GET', '/api/sign-in-methods').then(
      (methods) => (this.singleSignOn = methods.singleSignOn),
      () => undefined,
    );
  }

  /** Where to land after sign-in: this dashboard location. */
  private get next(): string {
    return `/dashboard${location.hash}`;
  }

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = (new FormData(event.target as HTMLFormElement).get('email') as string).trim();
    this.sending = true;
    this.status = '';
    this.error = '';
    try {
      await api('POST', '/api/login-links', { email, next: this.next } satisfies LoginLinkRequest);
      this.status = this.t.signIn.sent(email);
    } catch (error) {
      this.error = error instanceof ApiFailure && error.status === 429 ? this.t.signIn.tooMany : error instanceof ApiFailure && error.status === 400 ? this.t.signIn.invalidEmail : this.t.signIn.failed;
    } finally {
      this.sending = false;
    }
  }

  override render(): TemplateResult {
    const { t } = this;
    const locale = resolveLocale(this);
    // The signed-in header's language choice, here too: before sign-in is when it is needed most.
    return html`<div class="row languages" role="group" aria-label=${WIDGET_TRANSLATIONS[locale].languageChoice}>
        ${SUPPORTED_LOCALES.map(
          (l) => html`<button type="button" class=${l === locale ? '' : 'secondary'} lang=${l} aria-pressed=${l === locale}
            @click=${() => (this.lang = l)}>${l.toUpperCase()}<span class="visually-hidden">${WIDGET_TRANSLATIONS[l].languageName}</span></button>`,
        )}
      </div>
      <h1>${t.signedOutHeading}</h1>
      <p>${t.signedOutBody}</p>
      ${this.singleSignOn
        ? html`<p><a class="button" href="/auth/oidc/login?next=${encodeURIComponent(this.next)}">${t.signIn.singleSignOn}</a></p>
            <h2>${t.signIn.orByEmail}</h2>`
        : nothing}
      <form @submit=${this.send} novalidate>
        <div class="row">
          <div class="field">
            <label for="email">${t.signIn.email}</label>
            <input id="email" name="email" type="email" autocomplete="email" required
              aria-describedby=${this.error ? 'sign-in-error' : nothing} aria-invalid=${this.error ? 'true' : nothing} />
          </div>
          <button type="submit" ?disabled=${this.sending}>${t.signIn.send}</button>
        </div>
      </form>
      <p id="sign-in-error" class="error" role="alert">${this.error}</p>
      <p role="status">${this.status}</p>`;
  }
}

defineElement('suora-sign-in', SuoraSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'suora-sign-in': SuoraSignIn;
  }
}
