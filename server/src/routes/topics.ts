import { Router } from 'express';
import { LOCALES, type Locale, type TopicsResponse } from '../contract.js';
import { RequestError } from '../domain/errors.js';
import type { Store } from '../store/store.js';

/** `GET /api/topics?locale=fi`: the topics the widget offers, named in one language. */
export function topicsRoutes(store: Store): Router {
  const router = Router();
  router.get('/api/topics', async (req, res) => {
    const locale = parseLocale(req.query.locale);
    const [topics, areas] = await Promise.all([store.listTopics(), store.listServiceAreas()]);
    const areaById = new Map(areas.map((a) => [a.id, a]));
    const body: TopicsResponse = {
      locale,
      topics: topics.map((topic) => {
        const area = areaById.get(topic.serviceAreaId);
        return {
          id: topic.id,
          name: topic.name[locale],
          serviceArea: { id: topic.serviceAreaId, name: area?.name[locale] ?? topic.serviceAreaId },
          forBusinesses: topic.forBusinesses,
        };
      }),
    };
    res.set('Cache-Control', 'public, max-age=60').json(body);
  });
  return router;
}

function parseLocale(value: unknown): Locale {
  if (value === undefined) return 'fi';
  if (typeof value === 'string' && (LOCALES as readonly string[]).includes(value)) return value as Locale;
  throw new RequestError(400, 'invalid_locale', 'The locale must be fi, sv or en.', { locale: 'Use fi, sv or en.' });
}
