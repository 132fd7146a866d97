import { Router } from 'express';
import type { TopicsResponse } from '../../../contract/api.js';
import { localeOf } from '../http/query-params.js';
import type { Store } from '../domain/store-port.js';

/** `GET /api/topics?locale=fi`: the topics the widget offers, named in one language. */
export function topicsRoutes(store: Store): Router {
  const router = Router();
  router.get('/api/topics', async (req, res) => {
    const locale = localeOf(req);
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

