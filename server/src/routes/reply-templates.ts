import express, { Router } from 'express';
import { addTemplate, removeTemplate, templatesFor, updateTemplate } from '../domain/reply-templates.js';
import type { Store } from '../domain/store-port.js';
import { requireJson } from '../http/require-json.js';
import { requireRole, requireSameOrigin, signedIn } from '../http/session.js';

/** Reply templates: staff read those they may insert; admins keep them. */
export function replyTemplateRoutes(store: Store, options: { publicUrl: string }): Router {
  const router = Router();
  const admin = requireRole('admin');
  // Three texts of up to 4000 characters, each up to 4 bytes of UTF-8 escaped as JSON.
  const change = [admin, requireSameOrigin(options.publicUrl), requireJson, express.json({ limit: '96kb' })];

  router.get('/api/templates', requireRole('official', 'admin'), async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ templates: await templatesFor(store, signedIn(res)) });
  });
  router.post('/api/admin/templates', ...change, async (req, res) => {
    res.status(201).json(await addTemplate(store, signedIn(res), req.body));
  });
  router.patch('/api/admin/templates/:id', ...change, async (req, res) => {
    res.json(await updateTemplate(store, signedIn(res), String(req.params.id), req.body));
  });
  router.delete('/api/admin/templates/:id', admin, requireSameOrigin(options.publicUrl), async (req, res) => {
    await removeTemplate(store, signedIn(res), String(req.params.id));
    res.status(204).end();
  });
  return router;
}
