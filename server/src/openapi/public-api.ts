import { z } from 'zod';
import { MIN_FILL_MS } from '../../../contract/api.js';
import { loginLinkRequest } from '../domain/auth.js';
import { editSchema, submissionSchema } from '../domain/validation.js';
import { handlingSchema } from '../domain/handling.js';
import { localeQuery, publicFeedQuery } from '../http/query-params.js';
import type { ApiDescription } from './api-description.js';
import { accepted, feedbackCreated, linkInfo, publicFeedbackPage, signInMethods, staffFeedbackItem, statusView, topicsResponse } from './responses.js';

const SINGLE_SIGN_ON = 'single sign-on is configured (`SUORA_OIDC_ISSUER`, `SUORA_OIDC_CLIENT_ID`, `SUORA_OIDC_CLIENT_SECRET`)';
const lang = z.object({ lang: z.enum(['fi', 'sv', 'en']).optional().meta({ description: 'The page’s language; otherwise the item’s own (or the browser’s).' }) });

/** What anyone may call: the widget's and the survey page's API, the public page, the giver's status, sign-in. */
export function describePublicApi(api: ApiDescription): void {
  api.describe({
    method: 'get',
    path: '/api/topics',
    tag: 'Feedback',
    summary: 'The topics the widget offers',
    description: 'Each active topic with its service area, named in one language; cached for a minute.',
    access: 'public',
    query: localeQuery.schema,
    answers: { status: 200, description: 'The topics.', schema: topicsResponse },
    errors: { 400: '`invalid_locale`.' },
  });
  api.describe({
    method: 'post',
    path: '/api/feedback',
    tag: 'Feedback',
    summary: 'Send feedback',
    description:
      'At least a `rating` (1–5) or a `comment` (at most 4000 characters). Attribution comes from the survey link’s `token`, or else the `topic` ' +
      '(its area and responsible official), or a page’s preset `serviceArea` or `official`; `serviceArea` and `official` sent with a topic are ignored. ' +
      `Texts are trimmed; the page address is kept without its query or fragment. Forms send \`fillMs\`: under ${MIN_FILL_MS} ms is refused as a bot’s pace. ` +
      'At most `SUORA_RATE_LIMIT` requests a minute per network address, and a few answers per address through one survey link.',
    access: 'public',
    body: submissionSchema,
    answers: { status: 201, description: 'Received: its reference, and the key that lets the same browser change it for 15 minutes.', schema: feedbackCreated },
    errors: {
      400: '`invalid_feedback` (with `fields`), `empty_feedback` (neither rating nor comment), `too_fast`, `looks_automated`, `invalid_encoding`, `topic_required`, `unknown_topic`, `unknown_service_area`, `unknown_official`, `press_missing` (an answer through a survey link without a person’s press on the survey page).',
      404: '`unknown_link`: no survey link has this token.',
      410: '`link_revoked`: the survey link is no longer in use.',
      429: '`too_many_requests`, with `Retry-After` (seconds).',
      503: '`no_recipient`: nobody can receive feedback here right now.',
    },
  });
  api.describe({
    method: 'patch',
    path: '/api/feedback/{id}',
    tag: 'Feedback',
    summary: 'Change feedback: the giver’s edit, or its handling',
    description:
      'Two callers. The giver’s browser, with the `editKey` it was given, within 15 minutes: adds to or changes what it sent (attribution cannot change; an approved item goes back to the publication queue) → 204. ' +
      'The routed official, their manager or an admin, signed in: `{ status?, reply?, notify? }` → 200 with the item (`notify`: whether the reply is emailed; default: the first reply is, a corrected one is not).',
    access: 'public',
    security: [{}, { session: [] }],
    changes: true,
    params: { id: 'The feedback’s reference.' },
    body: z.union([editSchema, handlingSchema]),
    answers: [
      { status: 204, description: 'The giver’s change was saved.' },
      { status: 200, description: 'The handled item, as staff see it.', schema: staffFeedbackItem },
    ],
    errors: {
      400: '`invalid_feedback` (the giver’s edit), `invalid_handling` (staff).',
      401: '`signed_out`: a change without an edit key and without a session.',
      403: '`edit_not_allowed`: a wrong edit key; `forbidden`.',
      410: '`edit_expired`: the 15 minutes have passed.',
      404: '`not_found`: no such item (in the staff member’s reach).',
      429: '`too_many_requests` (the giver’s edits count as submissions).',
    },
  });
  api.describe({
    method: 'get',
    path: '/api/links/{token}',
    tag: 'Feedback',
    summary: 'Who a survey link asks for',
    description: 'The official’s name and title and the service area, for the survey page. Records nothing.',
    access: 'public',
    answers: { status: 200, description: 'The link’s official and area.', schema: linkInfo },
    errors: { 404: '`unknown_link`.', 410: '`link_revoked`.' },
  });
  api.describe({
    method: 'get',
    path: '/api/public/feedback',
    tag: 'Feedback',
    summary: 'Published feedback',
    description: 'Approved items whose giver allowed publication, newest first, 20 to a page, with the city’s public replies; never contact data. Cached for 30 seconds.',
    access: 'public',
    query: publicFeedQuery.schema,
    answers: { status: 200, description: 'A page of published feedback.', schema: publicFeedbackPage },
    errors: { 400: '`invalid_locale`, `invalid_filter`, `invalid_page`.' },
  });
  api.describe({
    method: 'get',
    path: '/api/status/{key}',
    tag: 'Feedback',
    summary: 'A giver’s status page, as JSON',
    description: 'The key comes in the acknowledgement email (`/f/{key}`). Never contact data, never internal notes. Not cached, not indexed.',
    access: 'public',
    params: { key: 'The status key from the acknowledgement email.' },
    query: lang,
    answers: { status: 200, description: 'The item’s status and public reply.', schema: statusView },
    errors: { 404: '`not_found`: unknown or erased.' },
  });

  api.describe({
    method: 'get',
    path: '/api/sign-in-methods',
    tag: 'Sign-in',
    summary: 'How the dashboard may sign someone in',
    description: 'Sign-in links by email always; single sign-on when `SUORA_OIDC_*` is set.',
    access: 'public',
    answers: { status: 200, description: 'The methods offered.', schema: signInMethods },
  });
  api.describe({
    method: 'post',
    path: '/api/login-links',
    tag: 'Sign-in',
    summary: 'Ask for a sign-in link by email',
    description:
      'Always the same 202 and body, whether the address belongs to an active official, an inactive one or nobody; an active official gets a one-time link (15 minutes) by email. ' +
      'At most 20 requests an hour per network address (then 429); at most 5 links an hour per email (further requests get the same 202 and are dropped).',
    access: 'public',
    changes: true,
    body: loginLinkRequest,
    answers: { status: 202, description: 'Accepted.', schema: accepted },
    errors: { 400: '`invalid_email`: not an email address at all.', 429: '`too_many_requests`, with `Retry-After`.' },
  });
  const next = z.object({ next: z.string().optional().meta({ description: 'Where to land after sign-in: a dashboard path only (`/dashboard#feedback/ID`).' }) });
  api.describe({
    method: 'get',
    path: '/login/{key}',
    tag: 'Sign-in',
    summary: 'The sign-in page of a one-time link',
    description: 'A page with one button that signs in (mail scanners open links: a GET uses nothing up).',
    access: 'public',
    query: next,
    answers: { status: 200, description: 'The page.', mediaType: 'text/html' },
    errors: { 404: 'Not a sign-in link (a page).' },
  });
  api.describe({
    method: 'post',
    path: '/login/{key}',
    tag: 'Sign-in',
    summary: 'Sign in with a one-time link',
    description: 'Uses the key up and sets the session cookie (12 hours), then 303 to `next` or `/dashboard`. A used, expired or unknown key: a page saying so.',
    access: 'public',
    changes: true,
    query: next,
    answers: [
      { status: 303, description: 'Signed in: to the dashboard.' },
      { status: 410, description: 'The key is used, expired or unknown (a page).', mediaType: 'text/html' },
    ],
  });
  api.describe({
    method: 'post',
    path: '/api/logout',
    tag: 'Sign-in',
    summary: 'Sign out',
    description: 'Ends the session and clears its cookie.',
    access: 'public',
    changes: true,
    answers: { status: 204, description: 'Signed out.' },
  });
  api.describe({
    method: 'get',
    path: '/auth/oidc/login',
    tag: 'Sign-in',
    summary: 'Single sign-on: start',
    description: '303 to the city’s OpenID provider (authorization code flow with PKCE S256, state and nonce).',
    onlyWhen: SINGLE_SIGN_ON,
    access: 'public',
    query: next,
    answers: [
      { status: 303, description: 'To the provider.' },
      { status: 503, description: 'The provider did not answer within 5 s (a page).', mediaType: 'text/html' },
    ],
  });
  api.describe({
    method: 'get',
    path: '/auth/oidc/callback',
    tag: 'Sign-in',
    summary: 'Single sign-on: the provider’s answer',
    onlyWhen: SINGLE_SIGN_ON,
    description: '303 to `next` with a session when the verified email is an active official’s; otherwise a page in the reader’s language with a way back.',
    access: 'public',
    answers: [
      { status: 303, description: 'Signed in.' },
      { status: 200, description: 'Cancelled at the provider (a page).', mediaType: 'text/html' },
      { status: 400, description: 'Expired, used, another browser’s or a wrong nonce (a page).', mediaType: 'text/html' },
      { status: 403, description: 'No Suora account for this sign-in (a page).', mediaType: 'text/html' },
      { status: 503, description: 'The provider did not answer (a page).', mediaType: 'text/html' },
    ],
  });
}
