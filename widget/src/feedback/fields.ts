import { readBusinessId, readEmail, readPhone } from '../../../contract/contact-details.js';
import type { Translation } from '../shared/localize.js';

export type ErrorKey = keyof Translation['errors'];

/** What the person is checked against that the form itself does not hold. */
export interface Rules {
  topicRequired: boolean;
  maxComment: number;
}

/**
 * How a field is shown, and so what its value is: `select` (the topic), `rating`, `textarea`
 * (the comment), `visibility` (private or public), `checkbox`, `honeypot`, or an input's
 * `type` (`text`, `email`, `tel`) for a contact detail (a field whose server path is in `contact`).
 */
export type FieldKind = 'select' | 'rating' | 'textarea' | 'visibility' | 'checkbox' | 'honeypot' | 'text' | 'email' | 'tel';

interface KindValues {
  select: string;
  rating: number | undefined;
  textarea: string;
  visibility: boolean;
  checkbox: boolean;
  honeypot: string;
  text: string;
  email: string;
  tel: string;
}

/** The draft as the table's own checks see it (the `Draft` type follows from the table, so it cannot type them). */
type Values = Record<string, any>;

export interface Field {
  /** The key in the draft, the control's `id` and `data-field`. */
  name: string;
  kind: FieldKind;
  /** The input's `autocomplete`. */
  autocomplete?: string;
  /** Its label in the translations: its name. (The kinds other than inputs render their own markup and labels.) */
  /** A hint shown above the input, from the translations. */
  hint?: keyof Translation;
  /** Shown only when the chosen topic is for businesses. */
  business?: boolean;
  /**
   * Reads the value as people paste it into the form the server stores (shared with the
   * server): null shows `errors[error]`; what it returns is what is sent.
   */
  read?(value: string): string | null;
  /** Any other check before sending: the error to show, or nothing. */
  check?(draft: Values, rules: Rules): ErrorKey | false | undefined;
  /** Whether the input is required now (`required`, for assistive technology). */
  required?(draft: Values): boolean;
  /** Where the value goes in the `FeedbackSubmission`: a key, or `contact.key`. Default: its name. */
  server?: string;
  /** The message shown when the server refuses the value (or `read` cannot read it). */
  error?: ErrorKey;
}

/** Feedback needs a rating or a comment: both fields show it. */
const noFeedback = (d: Values) => d.rating === undefined && !d.comment.trim() && 'ratingOrComment';

/** The contact details: inputs in the contact fieldset, sent in `contact` without surrounding spaces. */
export const isContact = (field: Field) => field.server?.startsWith('contact.');

/**
 * The feedback form's fields, in the order they are shown (the first with an error gets the
 * focus). A new field is a row here and its label in each language; the draft, the checks
 * before sending, the mapping of the server's errors, the submission and the contact inputs'
 * markup follow from this table. The server reads and checks again, with the same readers.
 */
export const FIELDS = [
  { name: 'topic', kind: 'select', error: 'topic', check: (d, r) => r.topicRequired && !d.topic && 'topic' },
  { name: 'rating', kind: 'rating', error: 'ratingOrComment', check: noFeedback },
  {
    name: 'comment',
    kind: 'textarea',
    error: 'commentTooLong',
    check: (d, r) => (d.comment.length > r.maxComment ? 'commentTooLong' : noFeedback(d)),
  },
  { name: 'public', kind: 'visibility' },
  { name: 'name', kind: 'text', autocomplete: 'name', server: 'contact.name', error: 'field' },
  {
    name: 'email',
    kind: 'email',
    autocomplete: 'email',
    server: 'contact.email',
    error: 'email',
    read: readEmail,
    check: (d) => d.wantsReply && !d.email.trim() && 'emailForReply',
    required: (d) => d.wantsReply,
  },
  { name: 'phone', kind: 'tel', autocomplete: 'tel', server: 'contact.phone', error: 'phone', read: readPhone },
  { name: 'organisation', kind: 'text', autocomplete: 'organization', server: 'contact.organisation', error: 'field', business: true },
  {
    name: 'businessId',
    kind: 'text',
    autocomplete: 'off',
    hint: 'businessIdHint',
    server: 'contact.businessId',
    error: 'businessId',
    read: readBusinessId,
    business: true,
  },
  { name: 'wantsReply', kind: 'checkbox' },
  // The visually hidden honeypot: people never see it, form-filling bots do.
  { name: 'website', kind: 'honeypot' },
] as const satisfies readonly Field[];

type Fields = (typeof FIELDS)[number];

/** What the person has typed and chosen so far; kept until the server has stored it. */
export type Draft = { [F in Fields as F['name']]: KindValues[F['kind']] };

/** The fields that can be wrong, and so have an error message. */
export type CheckedField = Extract<Fields, { error: ErrorKey }>['name'];
