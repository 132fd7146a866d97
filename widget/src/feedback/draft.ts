import type { ErrorResponse } from '../../../contract/api.js';
import type { Translation } from '../shared/localize.js';

/** What the person has typed and chosen so far; kept until the server has stored it. */
export interface Draft {
  topic: string;
  rating: number | undefined;
  comment: string;
  public: boolean;
  name: string;
  email: string;
  phone: string;
  organisation: string;
  businessId: string;
  wantsReply: boolean;
  /** The honeypot. */
  website: string;
}

export type ErrorKey = keyof Translation['errors'];
/** Per field, which message to show (a key into the translation's `errors`). */
export type FieldErrors = Partial<Record<'topic' | 'rating' | 'comment' | 'name' | 'email' | 'phone' | 'organisation' | 'businessId', ErrorKey | undefined>>;

/** The order of the fields on the form: the first with an error gets the focus. */
export const FIELD_ORDER = ['topic', 'rating', 'comment', 'name', 'email', 'phone', 'organisation', 'businessId'] as const;

export function emptyDraft(): Draft {
  return {
    topic: '',
    rating: undefined,
    comment: '',
    public: false,
    name: '',
    email: '',
    phone: '',
    organisation: '',
    businessId: '',
    wantsReply: false,
    website: '',
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,22}$/;
const BUSINESS_ID = /^\d{7}-\d$/;

/**
 * The checks a browser can make before sending. The server checks again, and more (the
 * Business ID's check digit); its answers map back to fields through `fieldErrorsFromServer`.
 */
export function validateDraft(draft: Draft, rules: { topicRequired: boolean; maxComment: number }): FieldErrors {
  const errors: FieldErrors = {};
  const email = draft.email.trim();
  if (rules.topicRequired && !draft.topic) errors.topic = 'topic';
  if (draft.rating === undefined && !draft.comment.trim()) {
    errors.rating = 'ratingOrComment';
    errors.comment = 'ratingOrComment';
  }
  if (draft.comment.length > rules.maxComment) errors.comment = 'commentTooLong';
  if (email && !EMAIL.test(email)) errors.email = 'email';
  else if (draft.wantsReply && !email) errors.email = 'emailForReply';
  if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) errors.phone = 'phone';
  if (draft.businessId.trim() && !BUSINESS_ID.test(draft.businessId.trim())) errors.businessId = 'businessId';
  return errors;
}

const SERVER_FIELDS: Record<string, [keyof FieldErrors, ErrorKey]> = {
  topic: ['topic', 'topic'],
  rating: ['rating', 'ratingOrComment'],
  comment: ['comment', 'commentTooLong'],
  'contact.name': ['name', 'field'],
  'contact.email': ['email', 'email'],
  'contact.phone': ['phone', 'phone'],
  'contact.organisation': ['organisation', 'field'],
  'contact.businessId': ['businessId', 'businessId'],
};

/** The server's per-field errors, as the form's own localized messages. */
export function fieldErrorsFromServer(error: ErrorResponse['error']): FieldErrors {
  const errors: FieldErrors = {};
  for (const path of Object.keys(error.fields ?? {})) {
    const known = SERVER_FIELDS[path];
    if (known) errors[known[0]] = known[1];
  }
  if (error.code === 'empty_feedback') errors.comment = 'ratingOrComment';
  return errors;
}
