import type { CouncilFeedbackItem, FeedbackSort, Locale, Paged, PublicFeedbackPage, StaffFeedbackItem } from '../../../contract/api.js';
import { FeedbackViews } from './feedback-views.js';
import type { Official } from './model.js';
import type { FeedbackFilter, Store } from './store-port.js';

/**
 * Who reads which feedback, a page at a time, newest first: residents the published items,
 * decision-makers every item whose giver chose public, staff their inbox. Each in the
 * shape its reader gets (feedback-views.ts).
 */

/** A page wanted: 1-based `page`, `pageSize` items to a page. */
export interface PageWanted {
  page: number;
  pageSize: number;
}

/** Items on a page of the public feed. */
const PUBLIC_PAGE_SIZE = 20;

/** The public feed: items whose giver chose public and staff approved, optionally of one topic or service area. */
export async function publicFeed(
  store: Store,
  locale: Locale,
  narrow: { topicId?: string | undefined; serviceAreaId?: string | undefined },
  page: number,
  timeZone: string,
): Promise<PublicFeedbackPage> {
  const { items, total } = await store.queryFeedback(
    {
      public: true,
      published: true,
      ...(narrow.topicId !== undefined && { topicId: narrow.topicId }),
      ...(narrow.serviceAreaId !== undefined && { serviceAreaId: narrow.serviceAreaId }),
    },
    { limit: PUBLIC_PAGE_SIZE, offset: (page - 1) * PUBLIC_PAGE_SIZE },
  );
  const views = await FeedbackViews.load(store, locale);
  return { items: items.map((f) => views.publicItem(f)), page, pageSize: PUBLIC_PAGE_SIZE, total, timeZone };
}

/** Decision-makers' reading: every item whose giver chose public, published or not yet, optionally of one topic. */
export async function councilFeed(
  store: Store,
  locale: Locale,
  page: PageWanted,
  narrow: { topicId?: string | undefined },
): Promise<Paged<CouncilFeedbackItem>> {
  const views = await FeedbackViews.load(store, locale);
  const { items, total } = await store.queryFeedback({ public: true, ...(narrow.topicId && { topicId: narrow.topicId }) }, slice(page));
  return { items: items.map((f) => views.councilItem(f)), total, ...page };
}

/** An official's inbox, newest first unless `sort` says otherwise: an admin sees every item, anyone else only the items routed to them. */
export async function inbox(
  store: Store,
  official: Official,
  filter: FeedbackFilter,
  { sort = 'newest', ...page }: PageWanted & { sort?: FeedbackSort },
  locale: Locale,
): Promise<Paged<StaffFeedbackItem>> {
  const views = await FeedbackViews.load(store, locale);
  const { items, total } = await store.queryFeedback({ ...filter, ...(official.role !== 'admin' && { officialId: official.id }) }, { ...slice(page), sort });
  return { items: items.map((f) => views.staffItem(f)), total, ...page };
}

function slice({ page, pageSize }: PageWanted): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}
