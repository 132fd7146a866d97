import { LOCALES, type Locale } from '../../../contract/api.js';
import { TEXTS } from '../texts/index.js';
import { localIsoTime } from './city-time.js';
import { DomainError } from './errors.js';
import { FeedbackViews } from './feedback-views.js';
import { isOffered } from './retired-areas.js';
import { OPEN_STATUSES, STATUSES, type Feedback, type LocalizedText, type ServiceArea, type Status, type Topic } from './model.js';
import type { FeedbackFilter, Store } from './store-port.js';

/**
 * Open311 GeoReport v2, read-only: the city's topics as services, its published feedback as
 * service requests. Only what the public feed shows leaves here (items whose giver chose
 * public and staff published, the comment and reply as published), in the spec's field
 * names; never contact data, names of officials or notes. The HTTP side (routes/open311.ts)
 * writes these as JSON or XML.
 */

/** One entry of `services.json`. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** One entry of `requests.json`: the spec's fields Suora has; no address, position or media. */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  /** The city's published reply, or null before there is one. */
  status_notes: string | null;
  service_name: string;
  service_code: string;
  /** The comment as published (redacted where staff redacted it), or null for a rating alone. */
  description: string | null;
  /** The service area's name: the city's unit, never a person. */
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
}

export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

/** Feedback given to a service area without a topic has the area's service: `area:ID` (no topic id has a colon). */
const AREA_SERVICE = 'area:';

/** Which published requests a `requests` query wants; the HTTP side has checked the values. */
export interface Open311Query {
  /** Service codes (topic ids, or `area:ID`); none given: all. */
  serviceCodes?: readonly string[];
  statuses?: readonly Open311Status[];
  /** Arrived at or after. */
  from: Date;
  /** Arrived before. */
  before: Date;
  page: number;
  pageSize: number;
}

/** Every service a published request may name: topics and areas (`area:ID`, the area as a whole) still offered, and retired ones that have published requests. */
export async function open311Services(store: Store, locale: Locale): Promise<Open311Service[]> {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  // In one order whatever the store's: topics, then areas, each by code.
  const [topics, areas] = (await Promise.all([store.listTopics(), store.listServiceAreas()])).map((list) => [...list].sort(byId)) as [Topic[], ServiceArea[]];
  const areaNames = new Map(areas.map((a) => [a.id, a.name]));
  const texts = TEXTS[locale].open311;
  const service = (code: string, name: LocalizedText, description: string, group: LocalizedText | undefined): Open311Service => ({
    service_code: code,
    service_name: name[locale],
    description,
    metadata: false,
    type: 'realtime',
    keywords: keywordsOf(name, locale),
    group: group?.[locale] ?? '',
  });
  const listed = [];
  const areasById = new Map(areas.map((a) => [a.id, a]));
  for (const topic of topics) {
    // A retired topic (or one of a retired area) is still the service of what was published under it; without any, it is history only.
    if (!isOffered(topic, areasById) && !(await hasPublished(store, { topicIds: [topic.id], areaIdsWithoutTopic: [] }))) continue;
    listed.push(service(topic.id, topic.name, texts.topicService, areaNames.get(topic.serviceAreaId)));
  }
  for (const area of areas) {
    if (area.retired && !(await hasPublished(store, { topicIds: [], areaIdsWithoutTopic: [area.id] }))) continue;
    listed.push(service(`${AREA_SERVICE}${area.id}`, area.name, texts.areaService, area.name));
  }
  return listed;
}

async function hasPublished(store: Store, services: NonNullable<FeedbackFilter['services']>): Promise<boolean> {
  return (await store.queryFeedback({ services, public: true, published: true }, { limit: 1 })).total > 0;
}

/** A page of published requests, newest first, and how many match in all. */
export async function open311Requests(
  store: Store,
  query: Open311Query,
  locale: Locale,
  timeZone: string,
): Promise<{ requests: Open311Request[]; total: number }> {
  const filter: FeedbackFilter = { public: true, published: true, from: query.from.toISOString(), before: query.before.toISOString() };
  if (query.serviceCodes) filter.services = servicesOf(query.serviceCodes);
  if (query.statuses) filter.statuses = query.statuses.flatMap(statusesOf);
  const { items, total } = await store.queryFeedback(filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const views = await FeedbackViews.load(store, locale);
  return { requests: items.map((f) => requestOf(views, f, timeZone)), total };
}

/** The published requests among `ids`, in the order asked; others (unknown, private, unpublished, erased) are left out. */
export async function open311RequestsById(store: Store, ids: readonly string[], locale: Locale, timeZone: string): Promise<Open311Request[]> {
  const items = await Promise.all([...new Set(ids)].map((id) => store.getFeedback(id)));
  const views = await FeedbackViews.load(store, locale);
  return items.filter((f): f is Feedback => f !== undefined && isPublished(f)).map((f) => requestOf(views, f, timeZone));
}

/** One published request; any other id is not found, whether it exists or not. */
export async function open311Request(store: Store, id: string, locale: Locale, timeZone: string): Promise<Open311Request> {
  const [request] = await open311RequestsById(store, [id], locale, timeZone);
  if (!request) throw new DomainError('not_found', 'not_found', `There is no published service request ${id}.`);
  return request;
}

function isPublished(f: Feedback): boolean {
  return f.public && f.published;
}

/** The texts and names as the public feed shows them (feedback-views.ts), in Open311's fields. */
function requestOf(views: FeedbackViews, f: Feedback, timeZone: string): Open311Request {
  const item = views.publicItem(f);
  const updated = Math.max(...[f.createdAt, f.reply?.at, f.publishedAt].filter((t): t is string => Boolean(t)).map(Date.parse));
  return {
    service_request_id: item.id,
    status: OPEN_STATUSES.includes(f.status) ? 'open' : 'closed',
    status_notes: item.reply?.text ?? null,
    service_name: item.topic?.name ?? item.serviceArea.name,
    service_code: f.topicId ?? `${AREA_SERVICE}${f.serviceAreaId}`,
    description: item.comment,
    agency_responsible: item.serviceArea.name,
    requested_datetime: localIsoTime(Date.parse(f.createdAt), timeZone),
    updated_datetime: localIsoTime(updated, timeZone),
  };
}

function servicesOf(codes: readonly string[]): NonNullable<FeedbackFilter['services']> {
  const areaCodes = codes.filter((c) => c.startsWith(AREA_SERVICE));
  return { topicIds: codes.filter((c) => !c.startsWith(AREA_SERVICE)), areaIdsWithoutTopic: areaCodes.map((c) => c.slice(AREA_SERVICE.length)) };
}

/** `open`: not yet answered (new, in progress); `closed`: answered or closed. */
function statusesOf(status: Open311Status): Status[] {
  return status === 'open' ? [...OPEN_STATUSES] : STATUSES.filter((s) => !OPEN_STATUSES.includes(s));
}

/**
 * The name in the other languages, as synonyms to search by: a comma-separated list of terms
 * (GeoReport v2), so a name with commas gives a term each; none blank, none twice, none of
 * the service's own name.
 */
function keywordsOf(name: LocalizedText, locale: Locale): string {
  const termsOf = (text: string) => text.split(',').map((term) => term.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const seen = new Set(termsOf(name[locale]).map((term) => term.toLocaleLowerCase()));
  const keywords = [];
  for (const term of LOCALES.filter((l) => l !== locale).flatMap((l) => termsOf(name[l]))) {
    if (seen.has(term.toLocaleLowerCase())) continue;
    seen.add(term.toLocaleLowerCase());
    keywords.push(term);
  }
  return keywords.join(', ');
}
