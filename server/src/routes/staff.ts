import express, { Router } from 'express';
import { dayRangeOf } from '../http/day-range.js';
import { handlersOffered } from '../domain/directory-views.js';
import { inbox } from '../domain/feedback-reading.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { addNote, forwardFeedback } from '../domain/forwarding.js';
import { publishFeedback, readFeedback, unpublishFeedback } from '../domain/handling.js';
import type { FeedbackNotifier } from '../domain/notifier-port.js';
import { myScores } from '../domain/my-scores.js';
import { teamOf, teamScores } from '../domain/team.js';
import { listLinkDetails } from '../domain/signature-links.js';
import { linkWithSnippets } from '../domain/signature-snippet.js';
import type { Store } from '../domain/store-port.js';
import { dashboardQuery, feedbackFilterOf, inboxQuery, localeOf } from '../http/query-params.js';
import { requireJson } from '../http/require-json.js';
import { requireHandlingRole, requireRole, requireSameOrigin, signedIn } from '../http/session.js';

/** The officials' side: their inbox, their scores (a manager's team's too), their links, publication, forwarding and notes. */
export function staffRoutes(store: Store, options: { publicUrl: string; timeZone: string; notifier: FeedbackNotifier }): Router {
  const router = Router();
  const staff = requireHandlingRole();
  const change = [staff, requireSameOrigin(options.publicUrl)];

  router.get('/api/me/feedback', staff, async (req, res) => {
    const query = inboxQuery.read(req);
    const { page, pageSize, sort, locale } = query;
    const found = await inbox(store, signedIn(res), feedbackFilterOf(query, options.timeZone), { page, pageSize, sort }, locale);
    res.set('Cache-Control', 'no-store').json(found);
  });

  router.get('/api/me/scores', staff, async (req, res) => {
    const query = dashboardQuery.read(req);
    res.set('Cache-Control', 'no-store').json(await myScores(store, signedIn(res), query.period, options.timeZone, query.locale, dayRangeOf(query, options.timeZone)));
  });

  router.get('/api/team', requireRole('manager'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await teamOf(store, signedIn(res), localeOf(req)));
  });

  router.get('/api/team/scores', requireRole('manager'), async (req, res) => {
    const query = dashboardQuery.read(req);
    res.set('Cache-Control', 'no-store').json(await teamScores(store, signedIn(res), query.period, options.timeZone, query.locale, dayRangeOf(query, options.timeZone)));
  });

  router.get('/api/me/links', staff, async (_req, res) => {
    const details = await listLinkDetails(store, { officialId: signedIn(res).id });
    res.set('Cache-Control', 'no-store').json({ links: details.map((d) => linkWithSnippets(options.publicUrl, d)) });
  });

  router.get('/api/officials', staff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await handlersOffered(store, localeOf(req)));
  });

  router.get('/api/feedback/:id', staff, async (req, res) => {
    const feedback = await readFeedback(store, signedIn(res), String(req.params.id));
    const views = await FeedbackViews.load(store, localeOf(req));
    res.set('Cache-Control', 'no-store').json(views.staffDetail(feedback, await store.listFeedbackEvents(feedback.id)));
  });

  router.post('/api/feedback/:id/forward', ...change, requireJson, express.json({ limit: '32kb' }), async (req, res) => {
    const updated = await forwardFeedback(store, options.notifier, signedIn(res), String(req.params.id), req.body);
    res.json((await FeedbackViews.load(store, localeOf(req))).staffItem(updated));
  });

  router.post('/api/feedback/:id/notes', ...change, requireJson, express.json({ limit: '32kb' }), async (req, res) => {
    const note = await addNote(store, signedIn(res), String(req.params.id), req.body);
    res.status(201).json((await FeedbackViews.load(store, localeOf(req))).historyEntry(note));
  });

  router.put('/api/feedback/:id/publication', ...change, requireJson, express.json({ limit: '32kb' }), async (req, res) => {
    const updated = await publishFeedback(store, signedIn(res), String(req.params.id), req.body);
    res.json((await FeedbackViews.load(store, localeOf(req))).staffItem(updated));
  });

  router.delete('/api/feedback/:id/publication', ...change, async (req, res) => {
    const updated = await unpublishFeedback(store, signedIn(res), String(req.params.id));
    res.json((await FeedbackViews.load(store, localeOf(req))).staffItem(updated));
  });

  return router;
}
