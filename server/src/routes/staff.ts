import express, { Router, type Request } from 'express';
import type { GroupScores, MyScoresResponse } from '../../../contract/api.js';
import { HttpError } from '../http/http-error.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { handledItem, publishFeedback, redactionOf, unpublishFeedback } from '../domain/handling.js';
import { audit } from '../domain/audit.js';
import { CHANNELS, STATUSES, type Channel, type Status } from '../domain/model.js';
import { scoresByKeys, scoresOf, type KeyScores } from '../domain/scores.js';
import { listLinkDetails } from '../domain/signature-links.js';
import { linkWithSnippets } from '../domain/signature-snippet.js';
import { ID_PATTERN } from '../domain/validation.js';
import { localeOf, pageOf, periodOf } from '../http/query-params.js';
import { requireJson } from '../http/require-json.js';
import { requireRole, requireSameOrigin, signedIn } from '../http/session.js';
import type { FeedbackFilter, Store } from '../domain/store-port.js';

/** The officials' side: their inbox, their scores, their links, and publication. */
export function staffRoutes(store: Store, options: { publicUrl: string }): Router {
  const router = Router();
  const staff = requireRole('official', 'admin');
  const change = [staff, requireSameOrigin(options.publicUrl)];

  router.get('/api/me/feedback', staff, async (req, res) => {
    const official = signedIn(res);
    const filter = { ...inboxFilter(req), ...(official.role !== 'admin' && { officialId: official.id }) };
    const page = pageOf(req);
    const views = await FeedbackViews.load(store, localeOf(req));
    const { items, total } = await store.queryFeedback(filter, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
    res.set('Cache-Control', 'no-store').json({ items: items.map((f) => views.staffItem(f)), total, ...page });
  });

  router.get('/api/me/scores', staff, async (req, res) => {
    const official = signedIn(res);
    const period = periodOf(req);
    const mine = await store.feedbackFacts({ officialId: official.id });
    const links = new Map((await listLinkDetails(store, { officialId: official.id })).map((d) => [d.link.id, d]));
    const locale = localeOf(req);
    const linkLabel = (id: string) => {
      const d = links.get(id);
      return d ? `${d.link.channel} · ${d.serviceArea.name[locale]}${d.link.revokedAt ? ' (revoked)' : ''}` : id;
    };
    const [total, byLink, byRef, byChannel] = scoresByKeys(mine, period, [() => '', (f) => f.linkId, (f) => f.ref, (f) => f.channel]);
    const all = total![0];
    const labelled = (groups: KeyScores[], labelOf: (key: string) => string): GroupScores[] =>
      groups.map(({ key, scores, byPeriod }) => ({ key, label: labelOf(key), scores, byPeriod }));
    const body: MyScoresResponse = {
      period,
      total: all?.scores ?? scoresOf([]),
      byPeriod: all?.byPeriod ?? [],
      byLink: labelled(byLink!, linkLabel),
      byRef: labelled(byRef!, (ref) => ref),
      byChannel: labelled(byChannel!, (channel) => channel),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.get('/api/me/links', staff, async (_req, res) => {
    const details = await listLinkDetails(store, { officialId: signedIn(res).id });
    res.set('Cache-Control', 'no-store').json({ links: details.map((d) => linkWithSnippets(options.publicUrl, d)) });
  });

  router.get('/api/feedback/:id', staff, async (req, res) => {
    const feedback = await handledItem(store, signedIn(res), String(req.params.id));
    if (!feedback.public) await audit(store, signedIn(res), 'read-private', { feedbackId: feedback.id });
    const views = await FeedbackViews.load(store, localeOf(req));
    res.set('Cache-Control', 'no-store').json(views.staffItem(feedback));
  });

  router.put('/api/feedback/:id/publication', ...change, requireJson, express.json({ limit: '32kb' }), async (req, res) => {
    const updated = await publishFeedback(store, signedIn(res), String(req.params.id), req.body);
    await audit(store, signedIn(res), 'publish', { feedbackId: updated.id }, { redacted: redactionOf(updated) });
    res.json((await FeedbackViews.load(store, localeOf(req))).staffItem(updated));
  });

  router.delete('/api/feedback/:id/publication', ...change, async (req, res) => {
    const updated = await unpublishFeedback(store, signedIn(res), String(req.params.id));
    await audit(store, signedIn(res), 'unpublish', { feedbackId: updated.id });
    res.json((await FeedbackViews.load(store, localeOf(req))).staffItem(updated));
  });

  return router;
}

/** `?status=&channel=&topic=&public=&published=&from=&to=` as a store filter; a bad value is a 400. */
function inboxFilter(req: Request): FeedbackFilter {
  const q = req.query;
  const one = (name: string, allowed?: readonly string[]): string | undefined => {
    const value = q[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || (allowed && !allowed.includes(value)) || (!allowed && !ID_PATTERN.test(value))) {
      throw new HttpError(400, 'invalid_filter', `The filter ${name} must be one of: ${allowed?.join(', ') ?? 'an id'}.`, {
        [name]: 'Not a valid value.',
      });
    }
    return value;
  };
  const day = (name: string): string | undefined => {
    const value = q[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw new HttpError(400, 'invalid_filter', `The filter ${name} must be a date like 2026-11-01.`, { [name]: 'Use YYYY-MM-DD.' });
    }
    return value;
  };
  const isPublic = one('public', ['true', 'false']);
  const published = one('published', ['true', 'false']);
  const from = day('from');
  const to = day('to');
  const filter: FeedbackFilter = {};
  const status = one('status', STATUSES) as Status | undefined;
  const channel = one('channel', CHANNELS) as Channel | undefined;
  const topic = one('topic');
  if (status) filter.status = status;
  if (channel) filter.channel = channel;
  if (topic) filter.topicId = topic;
  if (isPublic) filter.public = isPublic === 'true';
  if (published) filter.published = published === 'true';
  if (from) filter.from = new Date(from).toISOString();
  if (to) filter.before = new Date(Date.parse(to) + 86_400_000).toISOString();
  return filter;
}
