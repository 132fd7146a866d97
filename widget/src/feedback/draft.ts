import type { ErrorResponse, FeedbackSubmission } from '../../../contract/api.js';
import { FIELDS, isContact, type CheckedField, type Draft, type ErrorKey, type Field, type Rules } from './fields.js';

export type { Draft, ErrorKey };

/**
 * Why a field is wrong: a key into the translation's `errors`, or, when the form's own
 * checks find no reason for the server's refusal, the server's own words for that field.
 */
export type FieldError = ErrorKey | { server: string };

/** Per field, which message to show. */
export type FieldErrors = Partial<Record<CheckedField, FieldError | undefined>>;

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

/** What the form's own checks find wrong with a field: its reader cannot read it, or its check fails. */
function reason(draft: Draft, field: Field, rules: Rules): ErrorKey | undefined {
  const v = value(draft, field);
  return (v && field.read?.(v as string) === null ? field.error : field.check?.(draft, rules)) || undefined;
}

/** The checks a browser can make before sending; the server's answers map back through `fieldErrorsFromServer`. */
export function validateDraft(draft: Draft, rules: Rules): FieldErrors {
  const errors: Record<string, FieldError> = {};
  for (const field of TABLE) {
    const error = reason(draft, field, rules);
    if (error) errors[field.name] = error;
  }
  return errors;
}

/**
 * The server's per-field errors, each as the form's own localized message for the reason
 * its checks find in the draft, else in the server's words: never another reason's message.
 */
export function fieldErrorsFromServer(error: ErrorResponse['error'], draft: Draft, rules: Rules): FieldErrors {
  const errors: Record<string, FieldError> = {};
  const named = error.fields ?? {};
  for (const field of TABLE) {
    const message = named[field.server ?? field.name];
    if (field.error && message) errors[field.name] = reason(draft, field, rules) ?? { server: message };
  }
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
