import { z } from 'zod';
import {
  COMMENT_MAX_LENGTH,
  LOCALES,
  MIN_FILL_MS,
  PRESS_KINDS,
  type ContactInput,
  type FeedbackEdit,
  type FeedbackSubmission,
} from '../../../contract/api.js';
import { readBusinessId, readEmail } from '../../../contract/contact-details.js';
import { isShowableText, readFreeText } from '../../../contract/free-text.js';
import { DomainError } from './errors.js';
import { phoneInE164 } from './mobile-numbers.js';
import type { Feedback } from './model.js';
import type { FieldsOf, Holds, MatchesContract } from './type-checks.js';

/** Identifiers of areas, topics and officials, and signature-link tokens (nanoid's alphabet). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A per-message reference carried on a signature link, e.g. a case number. */
export const REF_PATTERN = /^[A-Za-z0-9._:/-]{1,64}$/;

/**
 * Free text, read as people paste it (see contract/free-text.ts: Word's line breaks as line
 * breaks, chat apps' direction marks dropped) before it is checked; only what still cannot be
 * shown is refused.
 */
export function text(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .overwrite(readFreeText)
    .trim()
    .max(max, { error: `${label} can be at most ${max} characters long.` })
    .refine(isShowableText, { error: `${label} contains control characters that cannot be shown. Please remove them.` });
}

/**
 * A contact detail read as people paste it (any spaces and dashes, full-width digits…) and
 * stored in its one form (see contract/contact-details.ts); empty stays empty (no detail).
 */
function contactDetail(label: string, read: (value: string) => string | null, error: string) {
  return z
    .string({ error: `${label} must be text.` })
    .max(1000, { error: `${label} is too long.` })
    .transform((value, ctx) => {
      if (!value.trim()) return '';
      const stored = read(value);
      if (stored === null) ctx.issues.push({ code: 'custom', message: error, input: value });
      return stored ?? z.NEVER;
    })
    .optional();
}

function identifier(label: string) {
  return z
    .string({ error: `${label} must be text.` })
    .regex(ID_PATTERN, { error: `${label} is not a valid identifier.` });
}

const contactSchema = z.strictObject(
  {
    name: text('The name', 200).optional(),
    email: contactDetail('The email address', readEmail, 'Enter an email address like name@example.fi.').meta({ description: 'As people paste it; stored in one form.' }),
    phone: contactDetail('The phone number', phoneInE164, 'Enter a phone number like 040 123 4567 or +358 40 123 4567.').meta({
      description: 'Any spaces and dashes, any country (`+46 70…`, `0046…`); stored in E.164 as `+358401234567`.',
    }),
    organisation: text('The organisation', 200).optional(),
    businessId: contactDetail(
      'The Business ID',
      readBusinessId,
      'Enter a valid Finnish Business ID like 0112038-9 (the last digit is a check digit).',
    ).meta({ description: 'A Finnish Business ID (Y-tunnus), `0112038-9`: its check digit is checked.' }),
  },
  { error: 'The contact details must be an object.' },
).meta({ description: 'How the giver can be reached; every field optional, empty ones dropped. Never shown publicly.' });

/** What the giver says about the matter, named as `Feedback` names it: the part they may change afterwards. */
const editableFields = {
  rating: z
    .number({ error: 'The rating must be a whole number from 1 to 5.' })
    .int({ error: 'The rating must be a whole number from 1 to 5.' })
    .min(1, { error: 'The rating must be a whole number from 1 to 5.' })
    .max(5, { error: 'The rating must be a whole number from 1 to 5.' })
    .optional()
    .meta({ description: '1 (poor) to 5 (excellent).' }),
  // Empty: no comment (it clears the comment in an edit).
  comment: text('The comment', COMMENT_MAX_LENGTH)
    .transform((comment) => comment || null)
    .optional()
    .meta({ description: 'Free text, trimmed; empty: no comment.' }),
  public: z.boolean({ error: 'The public choice must be true or false.' }).optional().meta({ description: 'The giver allows publication (after staff approve it); default false.' }),
  // Without any detail: no contact (it clears the contact in an edit).
  contact: contactSchema
    .transform((contact) => {
      const given = dropEmpty(contact);
      return Object.keys(given).length > 0 ? given : null;
    })
    .optional(),
  wantsReply: z.boolean({ error: 'The reply choice must be true or false.' }).optional().meta({ description: 'The giver wants a reply: needs `contact.email`.' }),
  locale: z.enum(LOCALES, { error: `The language must be one of ${LOCALES.join(', ')}.` }).optional().meta({ description: 'The giver’s language: of the acknowledgement and the reply mail.' }),
};

export const submissionSchema = z.strictObject(
  {
    // Where the page says it belongs (see attribution.ts): not stored as such.
    topic: identifier('The topic').optional().meta({ description: 'A topic’s id: decides the area and the responsible official.' }),
    serviceArea: identifier('The service area').optional().meta({ description: 'A page’s preset area, without a topic.' }),
    official: identifier('The official').optional().meta({ description: 'A page’s preset official, without a topic; routed by the area if they cannot receive feedback.' }),
    token: identifier('The survey link').optional().meta({ description: 'A survey link’s token: attribution comes from the link.' }),
    // The item's own fields, named as `Feedback` names them.
    ref: z
      .string({ error: 'The reference must be text.' })
      .regex(REF_PATTERN, { error: 'The reference may have at most 64 letters, digits and . _ : / -' })
      .optional()
      .meta({ description: 'A per-message reference carried on a survey link, e.g. a case number.' }),
    ...editableFields,
    pageUrl: z
      .string({ error: 'The page address must be text.' })
      .max(2000, { error: 'The page address is too long.' })
      .refine(isHttpUrl, { error: 'The page address must be an http or https URL.' })
      .transform(withoutQueryOrHash)
      .optional()
      .meta({ description: 'The page the widget sat on (http or https); kept without its query and fragment.' }),
    // Checks against bots: not stored.
    website: z.string({ error: 'Leave this field empty.' }).max(200).optional().meta({ description: 'A field people never see: must be empty.' }),
    fillMs: z
      .number({ error: 'The fill time must be a number of milliseconds.' })
      .int({ error: 'The fill time must be a whole number of milliseconds.' })
      .min(0, { error: 'The fill time cannot be negative.' })
      .max(86_400_000, { error: 'The fill time can be at most a day.' })
      .optional()
      .meta({ description: `Milliseconds from showing the form to sending it; under ${MIN_FILL_MS} is a bot’s pace.` }),
    // How the survey page saw a person press (see submission.ts): not stored.
    press: z
      .enum(PRESS_KINDS, { error: `The press must be one of ${PRESS_KINDS.join(', ')}.` })
      .optional()
      .meta({ description: 'How the survey page saw a person press to send: required with `token`.' }),
  },
  { error: 'The feedback must be a JSON object.' },
);

export const editSchema = z.strictObject(
  {
    ...editableFields,
    editKey: z
      .string({ error: 'The edit key is missing.' })
      .regex(ID_PATTERN, { error: 'The edit key is not valid.' })
      .meta({ description: 'The key `POST /api/feedback` gave.' }),
  },
  { error: 'The feedback must be a JSON object.' },
);

// The schemas take exactly what the contract says clients send: a field on one side only fails to compile here.
type _Contract = [
  Holds<MatchesContract<z.input<typeof contactSchema>, ContactInput>>,
  Holds<MatchesContract<z.input<typeof submissionSchema>, FeedbackSubmission>>,
  Holds<MatchesContract<z.input<typeof editSchema>, FeedbackEdit>>,
];

type Submission = z.output<typeof submissionSchema>;
type Given = Omit<Submission, 'topic' | 'serviceArea' | 'official' | 'token' | 'website' | 'fillMs' | 'press'>;
type Changes = Omit<z.output<typeof editSchema>, 'editKey'>;

// What a giver gives and changes goes into the item as it is: each a `Feedback` field by name and type.
type _Fields = [Holds<FieldsOf<Given, Feedback>>, Holds<FieldsOf<Changes, Feedback>>];

/**
 * A submission that passed validation: texts trimmed, the page address without its query.
 * `given` holds the item's own fields by their `Feedback` names; an absent one, or null
 * (an empty comment, a contact without details), leaves the new record's default.
 */
export interface ValidSubmission {
  routing: Pick<Submission, 'topic' | 'serviceArea' | 'official' | 'token' | 'press'>;
  given: Given;
}

/**
 * Checks a `POST /api/feedback` body. Throws an `invalid_input` `DomainError` whose `fields` say, per
 * field, what is wrong, in words a person understands.
 */
export function validateSubmission(body: unknown): ValidSubmission {
  const result = submissionSchema.safeParse(body);
  if (!result.success) throw toDomainError(result.error);
  const { topic, serviceArea, official, token, website, fillMs, press, ...given } = result.data;

  if (fillMs !== undefined && fillMs < MIN_FILL_MS) {
    throw new DomainError(
      'invalid_input',
      'too_fast',
      'This was sent faster than a person can fill in the form. If you are a person, please send it again.',
    );
  }
  if (website) {
    throw new DomainError(
      'invalid_input',
      'looks_automated',
      'This submission looked automated: a field that people do not see was filled in. If you are a person, please send the form again.',
    );
  }
  if (given.rating === undefined && !given.comment) {
    throw new DomainError('invalid_input', 'empty_feedback', 'Give a rating or write a comment.', {
      rating: 'Give a rating or write a comment.',
      comment: 'Give a rating or write a comment.',
    });
  }
  if (given.wantsReply && !given.contact?.email) {
    throw new DomainError('invalid_input', 'invalid_feedback', 'To get a reply, give your email address.', {
      'contact.email': 'To get a reply, give your email address.',
    });
  }
  return { routing: { topic, serviceArea, official, token, press }, given };
}

export interface ValidEdit {
  editKey: string;
  /** Only what the body names, by `Feedback` field; null clears (an empty comment or contact). */
  changes: Changes;
}

/** Checks a `PATCH /api/feedback/:id` body from the giver's browser. */
export function validateEdit(body: unknown): ValidEdit {
  const result = editSchema.safeParse(body);
  if (!result.success) throw toDomainError(result.error);
  const { editKey, ...changes } = result.data;
  return { editKey, changes };
}

function toDomainError(error: z.ZodError): DomainError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields[[...issue.path, key].join('.')] = 'This field is not part of the feedback form.';
      }
    } else {
      const path = issue.path.join('.');
      fields[path || '(body)'] ??= issue.message;
    }
  }
  const root = fields['(body)'];
  if (root) return new DomainError('invalid_input', 'invalid_feedback', root);
  return new DomainError('invalid_input', 'invalid_feedback', 'Please check the marked fields.', fields);
}

function dropEmpty(contact: ContactInput): ContactInput {
  return Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined && v !== ''));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A page's query string and fragment may hold personal data (names, emails, ids): drop them. */
function withoutQueryOrHash(value: string): string {
  const url = new URL(value);
  return url.origin + url.pathname;
}
