/**
 * The HTTP contract between the Suora server and its clients (the widget, the dashboards,
 * a city's own integrations). Types only: the widget imports this file with `import type`,
 * so no server code reaches the browser bundle. The server's validation schemas are
 * checked against these types at compile time (see domain/validation.ts).
 */

export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

export const COMMENT_MAX_LENGTH = 4000;

/** `GET /api/topics?locale=fi` */
export interface TopicsResponse {
  locale: Locale;
  topics: TopicSummary[];
}

export interface TopicSummary {
  id: string;
  /** In the requested locale. */
  name: string;
  serviceArea: { id: string; name: string };
  /** The form also asks for the organisation and its Finnish Business ID. */
  forBusinesses: boolean;
}

/** How a giver can be reached; every field optional. */
export interface ContactInput {
  name?: string;
  email?: string;
  phone?: string;
  organisation?: string;
  /** Finnish Business ID (Y-tunnus), e.g. `0123456-7`. */
  businessId?: string;
}

/** `POST /api/feedback` body. At least a rating or a comment. */
export interface FeedbackSubmission {
  topic?: string;
  serviceArea?: string;
  official?: string;
  token?: string;
  ref?: string;
  rating?: number;
  comment?: string;
  /** The giver allows publication (default `false`). */
  public?: boolean;
  contact?: ContactInput;
  wantsReply?: boolean;
  pageUrl?: string;
  locale?: Locale;
  /** Honeypot: a field people never see. Must be empty. */
  website?: string;
}

/** `201` answer to `POST /api/feedback`. */
export interface FeedbackCreated {
  /** The feedback's reference, shown to the giver. */
  id: string;
  /** Lets the same browser change what it just sent, for a limited time. */
  editKey: string;
}

/** `PATCH /api/feedback/:id` body from the giver's browser, within the edit window. */
export interface FeedbackEdit {
  editKey: string;
  rating?: number;
  comment?: string;
  public?: boolean;
  contact?: ContactInput;
  wantsReply?: boolean;
  locale?: Locale;
}

/** `GET /api/links/:token`: who a survey link asks for. */
export interface LinkInfo {
  channel: 'email' | 'sms';
  official: { name: string; title: string };
  serviceArea: { id: string; name: { fi: string; sv: string; en: string } };
}

/** Every 4xx and 5xx answer. */
export interface ErrorResponse {
  error: {
    code: string;
    message: string;
    /** Per field (a dotted path such as `contact.email`): what is wrong with it. */
    fields?: Record<string, string>;
  };
}
