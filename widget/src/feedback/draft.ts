import type { ErrorResponse, FeedbackSubmission } from '../../../contract/api.js';
import { FIELDS, isContact, type CheckedField, type Draft, type ErrorKey, type Field, type Rules } from './fields.js';

export type { Draft, ErrorKey };

/** Per field, which message to show (a key into the translation's `errors`). */
export type FieldErrors = Partial<Record<CheckedField, ErrorKey | undefined>>;

const TABLE: readonly Field[] = FIELDS;

export function emptyDraft(): Draft {
  const draft: Record<string, unknown> = {};
  for (const f of TABLE) draft[f.name] = f.kind === 'rating' ? undefined : f.kind === 'visibility' || f.kind === 'checkbox' ? false : '';
  return draft as Draft;
}

/** The value as the form holds it: an input's text without its surrounding spaces. */
function value(draft: Draft, field: Field): unknown {
  const v = draft[field.name as keyof Draft];
  // A comment of spaces only is no comment, but a comment's own spacing is kept.
  return isContact(field) ? (v as string).trim() : field.kind === 'textarea' ? (v as string).trim() && v : v;
}

/** The value as it is sent: a contact detail in the form its reader stores (an unreadable one as typed: the server says why). */
function sentValue(draft: Draft, field: Field): unknown {
  const v = value(draft, field);
  return v && field.read ? (field.read(v as string) ?? v) : v;
}

/** The checks a browser can make before sending; the server's answers map back through `fieldErrorsFromServer`. */
export function validateDraft(draft: Draft, rules: Rules): FieldErrors {
  const errors: Record<string, ErrorKey> = {};
  for (const field of TABLE) {
    const v = value(draft, field);
    const error = v && field.read?.(v as string) === null ? field.error : field.check?.(draft, rules);
    if (error) errors[field.name] = error;
  }
  return errors;
}

/** The server's per-field errors, as the form's own localized messages. */
export function fieldErrorsFromServer(error: ErrorResponse['error']): FieldErrors {
  const errors: Record<string, ErrorKey> = {};
  const named = error.fields ?? {};
  for (const field of TABLE) if (field.error && (field.server ?? field.name) in named) errors[field.name] = field.error;
  if (error.code === 'empty_feedback') errors.comment = 'ratingOrComment';
  return errors;
}

/**
 * The draft's fields as the server takes them: each at its path, empty ones left out (the
 * server takes a missing field, not an empty one); the business fields only for a business topic.
 */
export function draftSubmission(draft: Draft, business?: boolean): Partial<FeedbackSubmission> {
  const out: Record<string, any> = {};
  for (const field of TABLE) {
    const v = sentValue(draft, field);
    if (v === '' || v === undefined || (field.business && !business)) continue;
    const [key, inner] = (field.server ?? field.name).split('.') as [string, string?];
    if (inner) (out[key] ??= {})[inner] = v;
    else out[key] = v;
  }
  return out;
}
