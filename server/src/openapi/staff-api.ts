import { z } from 'zod';
import { HANDLING_ROLES, ROLES } from '../../../contract/api.js';
import { deputyInput } from '../domain/deputies.js';
import { forwardSchema, noteSchema } from '../domain/forwarding.js';
import { approvalSchema, bulkStatusSchema } from '../domain/handling.js';
import { ownSettings } from '../domain/own-settings.js';
import { councilFeedQuery, dashboardQuery, inboxQuery, localeQuery } from '../http/query-params.js';
import type { ApiDescription } from './api-description.js';
import {
  bulkStatusResult,
  councilFeedbackItem,
  deputyshipView,
  handlers,
  historyEntry,
  linkWithSnippets,
  me,
  myDeputies,
  myScores,
  paged,
  replyTemplate,
  staffFeedbackDetail,
  staffFeedbackItem,
  stats,
  team,
  teamScores,
} from './responses.js';

const staff = { roles: HANDLING_ROLES };
const anyone = { roles: ROLES };
const manager = { roles: ['manager'] } as const;
const readers = { roles: ['decision-maker', 'admin'] } as const;
const inItsReach = '`not_found`: no such item among those the person may handle (their own, their area’s for a manager, any for an admin).';

/** What signed-in people call: their profile, inbox, scores, handling, deputies, templates; decision-makers' reading. */
export function describeStaffApi(api: ApiDescription): void {
  api.describe({ method: 'get', path: '/api/me', tag: 'Me', summary: 'Who is signed in', description: 'The person, their role and area, their mail language and the city’s time zone.', access: anyone, answers: { status: 200, description: 'The person.', schema: me } });
  api.describe({
    method: 'patch',
    path: '/api/me/settings',
    tag: 'Me',
    summary: 'Change one’s own settings',
    description: 'The language of the mail Suora sends the person. Audited.',
    access: anyone,
    changes: true,
    body: ownSettings,
    answers: { status: 200, description: 'The person, changed.', schema: me },
  });
  api.describe({
    method: 'get',
    path: '/api/me/feedback',
    tag: 'Inbox',
    summary: 'The inbox',
    description: 'Feedback routed to the person (a manager: their area’s; an admin: all), filtered, searched and ordered; `from` and `to` are the city’s dates, both included.',
    access: staff,
    query: inboxQuery.schema,
    answers: { status: 200, description: 'A page of the inbox.', schema: paged(staffFeedbackItem) },
    errors: { 400: '`invalid_filter`, `invalid_sort`, `invalid_page`, `invalid_locale`.' },
  });
  api.describe({
    method: 'get',
    path: '/api/me/scores',
    tag: 'Scores',
    summary: 'One’s own scores',
    description: 'Count, mean, CSAT (% of ratings 4–5) and distribution, in total and per period, per survey link, per message reference and per channel, beside their service area’s, of the days from `from` to `to` (default the last 12 months).',
    access: staff,
    query: dashboardQuery.schema,
    answers: { status: 200, description: 'The scores.', schema: myScores },
    errors: { 400: '`invalid_period`, `invalid_locale`, `invalid_range` (not a date, `to` before `from`, or more than ten years).' },
  });
  api.describe({ method: 'get', path: '/api/team', tag: 'Scores', summary: 'A manager’s team', description: 'Their area and its active people.', access: manager, query: localeQuery.schema, answers: { status: 200, description: 'The team.', schema: team } });
  api.describe({
    method: 'get',
    path: '/api/team/scores',
    tag: 'Scores',
    summary: 'A manager’s team’s scores',
    description: 'The area’s feedback per official (every person of the area, with or without feedback), per link and per reference, beside the area’s and the whole city’s total, of the days from `from` to `to` (default the last 12 months).',
    access: manager,
    query: dashboardQuery.schema,
    answers: { status: 200, description: 'The scores.', schema: teamScores },
    errors: { 400: '`invalid_period`, `invalid_locale`, `invalid_range` (not a date, `to` before `from`, or more than ten years).' },
  });
  api.describe({ method: 'get', path: '/api/me/links', tag: 'Me', summary: 'One’s own survey links', description: 'With the signature snippets to paste.', access: staff, answers: { status: 200, description: 'The links.', schema: z.object({ links: z.array(linkWithSnippets) }) } });
  api.describe({ method: 'get', path: '/api/officials', tag: 'Handling', summary: 'Whom feedback can be forwarded to', description: 'Active handlers, by name.', access: staff, query: localeQuery.schema, answers: { status: 200, description: 'The handlers.', schema: handlers } });

  const item = { id: 'The feedback’s reference.' };
  api.describe({
    method: 'get',
    path: '/api/feedback/{id}',
    tag: 'Handling',
    summary: 'One item with its history',
    description: 'Reading a private item is audited.',
    access: staff,
    params: item,
    query: localeQuery.schema,
    answers: { status: 200, description: 'The item.', schema: staffFeedbackDetail },
    errors: { 404: inItsReach },
  });
  api.describe({
    method: 'post',
    path: '/api/feedback/bulk-status',
    tag: 'Handling',
    summary: 'One status for many items',
    description: 'Each item checked and changed as `PATCH /api/feedback/{id}` does one: an item the person may not handle is refused alone while the others change.',
    access: staff,
    changes: true,
    body: bulkStatusSchema,
    answers: { status: 200, description: 'One result per id.', schema: bulkStatusResult },
    errors: { 400: '`invalid_handling`.' },
  });
  api.describe({
    method: 'post',
    path: '/api/feedback/{id}/forward',
    tag: 'Handling',
    summary: 'Forward an item',
    description: 'To another official, or to a topic’s responsible official (with the topic’s area); notifies the new one. The previous official no longer sees it unless their role lets them.',
    access: staff,
    changes: true,
    params: item,
    query: localeQuery.schema,
    body: forwardSchema,
    answers: { status: 200, description: 'The item, forwarded.', schema: staffFeedbackItem },
    errors: { 400: '`invalid_forward`, `unknown_official`, `not_a_handler`, `unknown_topic`.', 404: inItsReach, 409: '`same_official`, `same_topic`, `forward_to_self` (to the one forwarding, unless they hold it), `area_retired` (into a retired area from another), `topic_retired`.' },
  });
  api.describe({
    method: 'post',
    path: '/api/feedback/{id}/notes',
    tag: 'Handling',
    summary: 'Add an internal note',
    description: 'Staff only: never public, never shown to decision-makers, never emailed to the giver.',
    access: staff,
    changes: true,
    params: item,
    query: localeQuery.schema,
    body: noteSchema,
    answers: { status: 201, description: 'The note, as a history entry.', schema: historyEntry },
    errors: { 400: '`invalid_note`.', 404: inItsReach, 409: '`purged`: the item’s texts were removed at the end of its retention period.' },
  });
  api.describe({
    method: 'put',
    path: '/api/feedback/{id}/publication',
    tag: 'Handling',
    summary: 'Approve an item for the public page',
    description: 'Optionally with the comment and the reply redacted (the originals are kept for staff).',
    access: staff,
    changes: true,
    params: item,
    query: localeQuery.schema,
    body: approvalSchema,
    answers: { status: 200, description: 'The item, published.', schema: staffFeedbackItem },
    errors: { 400: '`invalid_publication`.', 404: inItsReach, 409: '`not_public`: the giver did not allow publication; `no_reply`: a redacted reply without a reply.' },
  });
  api.describe({
    method: 'delete',
    path: '/api/feedback/{id}/publication',
    tag: 'Handling',
    summary: 'Withdraw an item from the public page',
    description: 'With its redactions.',
    access: staff,
    changes: true,
    params: item,
    query: localeQuery.schema,
    answers: { status: 200, description: 'The item, withdrawn.', schema: staffFeedbackItem },
    errors: { 404: inItsReach },
  });
  api.describe({ method: 'get', path: '/api/templates', tag: 'Handling', summary: 'Reply templates one may insert', description: 'Those for every area and for the person’s own.', access: staff, answers: { status: 200, description: 'The templates.', schema: z.object({ templates: z.array(replyTemplate) }) } });

  const ownDeputyErrors = {
    400: '`invalid_input` (with `fields`), `period_reversed`, `deputy_self`, `not_a_handler`, `unknown_official`.',
    404: '`not_found`: no such official.',
    409: '`deputy_overlap`: periods away cannot overlap.',
  };
  const deputyErrors = { ...ownDeputyErrors, 403: 'A manager sets deputies only for the people of their own area.' };
  const who = { id: 'The official’s id.' };
  const period = { period: 'The period’s id.' };
  for (const [prefix, access, whose] of [
    ['/api/admin', { roles: ['admin'] }, 'anyone’s (admins)'],
    ['/api/team', manager, 'the people of their area (managers)'],
  ] as const) {
    api.describe({ method: 'get', path: `${prefix}/officials/{id}/deputies`, tag: 'Deputies', summary: `Periods away: ${whose}`, description: 'The person’s periods away and those in which they cover for someone, and who could be their deputy.', access, params: who, answers: { status: 200, description: 'The periods.', schema: myDeputies }, errors: { 403: deputyErrors[403], 404: deputyErrors[404] } });
    api.describe({ method: 'post', path: `${prefix}/officials/{id}/deputies`, tag: 'Deputies', summary: `Set a deputy: ${whose}`, description: 'New feedback routed to the person during the period goes to the deputy, and its history says so. Days are the city’s dates, both inclusive.', access, changes: true, params: who, body: deputyInput, answers: { status: 201, description: 'The period.', schema: deputyshipView }, errors: deputyErrors });
    api.describe({ method: 'delete', path: `${prefix}/officials/{id}/deputies/{period}`, tag: 'Deputies', summary: `Remove a period away: ${whose}`, description: 'Feedback already routed stays where it is.', access, changes: true, params: { ...who, ...period }, answers: { status: 204, description: 'Removed.' }, errors: { 403: deputyErrors[403], 404: '`not_found`: no such official or period.' } });
  }
  api.describe({ method: 'get', path: '/api/me/deputies', tag: 'Deputies', summary: 'One’s own periods away', description: 'And those in which the person covers for someone, and who could be their deputy.', access: staff, answers: { status: 200, description: 'The periods.', schema: myDeputies } });
  api.describe({ method: 'post', path: '/api/me/deputies', tag: 'Deputies', summary: 'Set one’s own deputy', description: 'New feedback routed to the person during the period goes to the deputy. Days are the city’s dates, both inclusive.', access: staff, changes: true, body: deputyInput, answers: { status: 201, description: 'The period.', schema: deputyshipView }, errors: ownDeputyErrors });
  api.describe({ method: 'delete', path: '/api/me/deputies/{id}', tag: 'Deputies', summary: 'Remove one’s own period away', description: 'Feedback already routed stays where it is.', access: staff, changes: true, params: { id: 'The period’s id.' }, answers: { status: 204, description: 'Removed.' }, errors: { 404: '`not_found`: no such period.' } });

  api.describe({
    method: 'get',
    path: '/api/council/feedback',
    tag: 'Council',
    summary: 'Feedback whose giver chose public',
    description: 'For decision-makers and admins: published or not, without contact data.',
    access: readers,
    query: councilFeedQuery.schema,
    answers: { status: 200, description: 'A page.', schema: paged(councilFeedbackItem) },
    errors: { 400: '`invalid_filter`, `invalid_page`, `invalid_locale`.' },
  });
  api.describe({
    method: 'get',
    path: '/api/stats',
    tag: 'Council',
    summary: 'Statistics per service area and topic',
    description: 'Scores, counts by status and the median hours to an answer, in total and per period, in the city’s time zone, of the days from `from` to `to` (default the last 12 months).',
    access: readers,
    query: dashboardQuery.schema,
    answers: { status: 200, description: 'The statistics.', schema: stats },
    errors: { 400: '`invalid_period`, `invalid_locale`, `invalid_range` (not a date, `to` before `from`, or more than ten years).' },
  });
}
