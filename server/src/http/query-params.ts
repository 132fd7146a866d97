import type { Request } from 'express';
import { z } from 'zod';
import { FEEDBACK_SORTS, LOCALES, type Locale } from '../../../contract/api.js';
import { HttpError } from './http-error.js';
import { CHANNELS, STATUSES } from '../domain/model.js';
import { endOfLocalDay, startOfLocalDay } from '../domain/city-time.js';
import type { FeedbackFilter } from '../domain/store-port.js';
import { ID_PATTERN } from '../domain/validation.js';

/**
 * The query parameters of the API, each a zod schema with what a bad value answers: a
 * route reads its query through one `Query` below, and the API description
 * (server/src/openapi/) documents that same `schema`, so the two cannot differ.
 */
interface Param<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** The 400's error code and message, and the hint beside the parameter. */
  code: string;
  message: string;
  hint: string;
}

function param<S extends z.ZodType>(schema: S, code: string, message: string, hint: string): Param<S> {
  return { schema, code, message, hint };
}

/** Empty counts as not given (a form's "any" choice sends `status=`). */
function blankIsAbsent<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const locale = param(
  z.enum(LOCALES).default('fi').meta({ description: 'The language of names and labels in the answer.' }),
  'invalid_locale',
  `The locale must be one of ${LOCALES.join(', ')}.`,
  `Use one of ${LOCALES.join(', ')}.`,
);
const period = param(
  z.enum(['week', 'month']).default('month').meta({ description: 'Scores per ISO week (`2026-W48`) or per month (`2026-11`), in the city’s time zone.' }),
  'invalid_period',
  'The period is week or month.',
  'Use week or month.',
);
const pageNumber = (max: number) =>
  param(
    z.coerce.number().int().min(1).max(max).default(1).meta({ description: 'The page, 1-based.' }),
    'invalid_page',
    'The page is a whole number from 1.',
    'Use 1, 2, 3…',
  );
const pageSize = param(
  z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Items to a page.' }),
  'invalid_page',
  'The page size is a whole number from 1 to 200.',
  'Use 1 to 200.',
);
const sort = param(
  z.enum(FEEDBACK_SORTS).default(FEEDBACK_SORTS[0]).meta({ description: '`newest` or `oldest` first, or `due`: soonest due first, items without a due date last.' }),
  'invalid_sort',
  `The order (sort) is one of ${FEEDBACK_SORTS.join(', ')}.`,
  `Use one of ${FEEDBACK_SORTS.join(', ')}.`,
);
const idFilter = (name: string, description: string) =>
  param(blankIsAbsent(z.string().regex(ID_PATTERN)).meta({ description }), 'invalid_filter', `The ${name} filter is not a valid id.`, 'Not a valid id.');
const oneOf = <const T extends readonly [string, ...string[]]>(name: string, allowed: T, description: string) =>
  param(blankIsAbsent(z.enum(allowed)).meta({ description }), 'invalid_filter', `The filter ${name} must be one of: ${allowed.join(', ')}.`, 'Not a valid value.');
const localDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    // A date that exists: Date.parse reads 2026-02-30 as 2 March.
    .refine((value) => new Date(Date.parse(value) || 0).toISOString().slice(0, 10) === value);
const day = (name: string, description: string) =>
  param(blankIsAbsent(localDate()).meta({ description, format: 'date' }), 'invalid_filter', `The filter ${name} must be a date like 2026-11-01.`, 'Use YYYY-MM-DD.');
const rangeDay = (name: string, description: string) =>
  param(blankIsAbsent(localDate()).meta({ description, format: 'date' }), 'invalid_range', `${name} must be a date like 2026-11-01.`, 'Use YYYY-MM-DD.');
const search = param(
  z
    .string()
    .max(200)
    .transform((q) => q.trim() || undefined)
    .optional()
    .meta({ description: 'Words in the reference, comment, contact name or organisation, any case; at most 200 characters.' }),
  'invalid_filter',
  'The search is text of at most 200 characters.',
  'Use at most 200 characters.',
);

type Shape<P extends Record<string, Param>> = { [K in keyof P]: P[K]['schema'] };

/** The query of one route: its schema, and `read`, which answers a bad value with a 400 in the contract's shape. */
export class Query<P extends Record<string, Param>> {
  readonly schema: z.ZodObject<Shape<P>>;
  constructor(readonly params: P) {
    this.schema = z.object(Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.schema])) as Shape<P>);
  }

  read(req: Request): z.output<z.ZodObject<Shape<P>>> {
    const result = this.schema.safeParse(req.query);
    if (result.success) return result.data;
    const name = String(result.error.issues[0]!.path[0]);
    const refused = this.params[name]!;
    throw new HttpError(400, refused.code, refused.message, { [name]: refused.hint });
  }
}

const filters = {
  status: oneOf('status', STATUSES, 'Only items with this status.'),
  channel: oneOf('channel', CHANNELS, 'Only items that came this way.'),
  topic: idFilter('topic', 'Only items on this topic (its id).'),
  public: oneOf('public', ['true', 'false'], 'Only items whose giver did (`true`) or did not allow publication.'),
  published: oneOf('published', ['true', 'false'], 'Only items that are (`true`) or are not on the public page.'),
  from: day('from', 'Only items that arrived on or after this day, the city’s date (`SUORA_TIME_ZONE`).'),
  to: day('to', 'Only items that arrived on or before this day, the city’s date.'),
  overdue: oneOf('overdue', ['true'], 'Only open items past their due time.'),
};

/** `?locale=`: names in one language. */
export const localeQuery = new Query({ locale });
/** `?period=&locale=&from=&to=`: a dashboard's figures over a range of the city's days (http/day-range.ts). */
export const dashboardQuery = new Query({
  period,
  locale,
  from: rangeDay('from', 'The first day counted, the city’s date (`SUORA_TIME_ZONE`). Default: the first day of the month eleven months before `to`’s (twelve whole months).'),
  to: rangeDay('to', 'The last day counted, the city’s date; at most ten years after `from`. Default: up to now.'),
});
/** `?page=&pageSize=`: a page of a longer list. */
export const pageQuery = new Query({ page: pageNumber(1_000_000), pageSize });
/** The public page's narrowing, at most 100 000 pages. */
export const publicFeedQuery = new Query({
  locale,
  topic: idFilter('topic', 'Only feedback on this topic (its id).'),
  serviceArea: idFilter('serviceArea', 'Only feedback of this service area (its id).'),
  page: pageNumber(100_000),
});
/** Decision-makers' reading. */
export const councilFeedQuery = new Query({ locale, topic: filters.topic, page: pageNumber(1_000_000), pageSize });
/** The inbox: filters, search, order and page. */
export const inboxQuery = new Query({ ...filters, q: search, sort, page: pageNumber(1_000_000), pageSize, locale });

/** The CSV export's field separator. */
export const exportQuery = new Query({
  separator: param(
    z.enum(['semicolon', 'comma']).default('semicolon').meta({ description: '`semicolon` (what Excel expects in Finnish and Swedish) or `comma`.' }),
    'invalid_separator',
    'The separator is semicolon or comma.',
    'Use semicolon or comma.',
  ),
});

/** `?locale=fi|sv|en`, default Finnish. */
export function localeOf(req: Request): Locale {
  return localeQuery.read(req).locale;
}

/**
 * The inbox's filters as a store filter. `from` and `to` are the city's dates (in
 * `timeZone`), both days included; `overdue=true`: open items past their due time at `now`.
 */
export function feedbackFilterOf(query: z.output<typeof inboxQuery.schema>, timeZone: string, now = new Date()): FeedbackFilter {
  const filter: FeedbackFilter = {};
  if (query.status) filter.status = query.status;
  if (query.channel) filter.channel = query.channel;
  if (query.topic) filter.topicId = query.topic;
  if (query.public) filter.public = query.public === 'true';
  if (query.published) filter.published = query.published === 'true';
  if (query.from) filter.from = new Date(startOfLocalDay(query.from, timeZone)).toISOString();
  if (query.to) filter.before = new Date(endOfLocalDay(query.to, timeZone)).toISOString();
  if (query.overdue === 'true') filter.dueBefore = now.toISOString();
  if (query.q) filter.q = query.q;
  return filter;
}
