import express, { Router } from 'express';
import { clearDeputy, deputiesOf, setDeputy } from '../domain/deputies.js';
import type { Store } from '../domain/store-port.js';
import { requireJson } from '../http/require-json.js';
import { requireRole, requireSameOrigin, signedIn } from '../http/session.js';

/** Periods away and their deputies: an official's own (`/api/me/deputies`), and anyone's for admins. */
export function deputyRoutes(store: Store, options: { publicUrl: string }): Router {
  const router = Router();
  const staff = requireRole('official', 'admin');
  const admin = requireRole('admin');
  const body = [requireSameOrigin(options.publicUrl), requireJson, express.json({ limit: '4kb' })];
  const noStore = { 'Cache-Control': 'no-store' };

  router.get('/api/me/deputies', staff, async (_req, res) => {
    res.set(noStore).json(await deputiesOf(store, signedIn(res), signedIn(res).id));
  });
  router.post('/api/me/deputies', staff, ...body, async (req, res) => {
    res.status(201).json(await setDeputy(store, signedIn(res), signedIn(res).id, req.body));
  });
  router.delete('/api/me/deputies/:id', staff, requireSameOrigin(options.publicUrl), async (req, res) => {
    await clearDeputy(store, signedIn(res), signedIn(res).id, String(req.params.id));
    res.status(204).end();
  });

  router.get('/api/admin/officials/:id/deputies', admin, async (req, res) => {
    res.set(noStore).json(await deputiesOf(store, signedIn(res), String(req.params.id)));
  });
  router.post('/api/admin/officials/:id/deputies', admin, ...body, async (req, res) => {
    res.status(201).json(await setDeputy(store, signedIn(res), String(req.params.id), req.body));
  });
  router.delete('/api/admin/officials/:id/deputies/:period', admin, requireSameOrigin(options.publicUrl), async (req, res) => {
    await clearDeputy(store, signedIn(res), String(req.params.id), String(req.params.period));
    res.status(204).end();
  });
  return router;
}
