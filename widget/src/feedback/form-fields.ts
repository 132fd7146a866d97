import { html, nothing, type TemplateResult } from 'lit';
import type { Locale, Translation } from '../shared/localize.js';
import type { Draft, FieldError, FieldErrors } from './draft.js';
import { FIELDS, isContact, type Field } from './fields.js';

/** What the field templates read, and how they report a change. */
export interface FormFields {
  t: Translation;
  locale: Locale;
  draft: Draft;
  errors: FieldErrors;
  /** The city's privacy notice, linked beside the contact details. */
  privacyUrl: string | undefined;
  /** Whether the server has yet to say which notice (its line is kept free meanwhile, so nothing moves). */
  privacyPending?: boolean;
  setDraft(change: Partial<Draft>): void;
}

/** The comment with its live count of characters left (or over). */
export function renderComment(f: FormFields, max: number): TemplateResult {
  const { t, draft, errors } = f;
  const left = max - draft.comment.length;
  const count = left >= 0 ? t.charactersLeft(left) : t.charactersOver(-left);
  const describedBy = ['comment-count', errors.comment && 'comment-error'].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for="comment">${t.comment}</label>
    ${renderFieldError(f, 'comment')}
    <textarea id="comment" data-field="comment" rows="5" .value=${draft.comment}
      aria-invalid=${errors.comment ? 'true' : 'false'} aria-describedby=${describedBy}
      @input=${(e: InputEvent) => f.setDraft({ comment: (e.target as HTMLTextAreaElement).value })}></textarea>
    <p id="comment-count" class="hint ${left < 0 ? 'over' : ''}">${count}</p>
  </div>`;
}

/** The giver's choice: private (the default) or public, and what public means. */
export function renderVisibility(f: FormFields): TemplateResult {
  const { t, draft } = f;
  return html`<fieldset class="visibility" aria-describedby="public-hint">
    <legend>${t.visibility}</legend>
    <label class="choice"><input type="radio" name="visibility" .checked=${!draft.public}
      @change=${() => f.setDraft({ public: false })} /> ${t.private}</label>
    <label class="choice"><input type="radio" name="visibility" .checked=${draft.public}
      @change=${() => f.setDraft({ public: true })} /> ${t.public}</label>
    <p class="hint" id="public-hint">${t.publicHint}</p>
  </fieldset>`;
}

/**
 * Optional contact details (the table's inputs); for the business topic also the organisation
 * and its Business ID. The city's privacy notice is linked first: how the details are handled
 * (GDPR Art. 13), in a new tab so that nothing typed is lost.
 */
export function renderContact(f: FormFields, business: boolean): TemplateResult {
  const { t, draft } = f;
  return html`<fieldset class="contact">
    <legend>${t.contact}</legend>
    ${f.privacyUrl
      ? html`<p class="hint"><a class="link" href=${f.privacyUrl} target="_blank" rel="noopener">${t.privacy}</a></p>`
      : f.privacyPending
        ? html`<p class="hint reserved" aria-hidden="true"><span class="link">${t.privacy}</span></p>` /* as tall as the link it keeps room for */
        : nothing}
    ${FIELDS.map((field: Field) => (isContact(field) && (business || !field.business) ? renderInput(f, field) : nothing))}
    <label class="choice"><input type="checkbox" .checked=${draft.wantsReply}
      @change=${(e: Event) => f.setDraft({ wantsReply: (e.target as HTMLInputElement).checked })} />
      ${t.wantsReply}</label>
  </fieldset>`;
}

/** A field's error message, with the id its control's aria-describedby names. */
export function renderFieldError(f: FormFields, field: keyof FieldErrors): TemplateResult | typeof nothing {
  const error = f.errors[field];
  return error ? html`<p class="error" id="${field}-error">${errorText(f.t, error)}</p>` : nothing;
}

/** A field error's words: the translation's message, or the server's own. */
export function errorText(t: Translation, error: FieldError): string {
  return typeof error === 'string' ? t.errors[error] : error.server;
}

function renderInput(f: FormFields, field: Field): TemplateResult {
  const name = field.name as keyof FieldErrors & keyof Draft;
  const hint = field.hint && (f.t[field.hint] as string);
  const describedBy = [hint && `${name}-hint`, f.errors[name] && `${name}-error`].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${name}>${f.t[name]}</label>
    ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
    ${renderFieldError(f, name)}
    <input id=${name} data-field=${name} type=${field.kind} autocomplete=${field.autocomplete!} .value=${f.draft[name]}
      ?required=${field.required?.(f.draft)} aria-invalid=${f.errors[name] ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      @input=${(e: InputEvent) => f.setDraft({ [name]: (e.target as HTMLInputElement).value })} />
  </div>`;
}
