import express, { Router } from 'express';
import { createApiKey, listApiKeysForAdmins, revokeApiKey } from '../domain/api-keys.js';
import { requireJson } from '../http/require-json.js';
import { requireRole, requireSameOrigin, signedIn } from '../http/session.js';
import type { Store } from '../domain/store-port.js';

/**
 * Admins: machine clients' API keys while the server runs (the command line cannot reach a
 * lowdb directory the server holds), so that a leaked key is revoked without downtime.
 */
export function apiKeyRoutes(store: Store, options: { publicUrl: string }): Router {
  const router = Router();
  const admin = requireRole('admin');
  router.get('/api/admin/api-keys', admin, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ apiKeys: await listApiKeysForAdmins(store) });
  });
  // The key is in this answer only: the store keeps its hash.
  router.post('/api/admin/api-keys', admin, requireSameOrigin(options.publicUrl), requireJson, express.json({ limit: '4kb' }), async (req, res) => {
    const me = signedIn(res);
    const { key, apiKey } = await createApiKey(store, me, req.body);
    res.status(201).set('Cache-Control', 'no-store').json({ key, apiKey: { ...apiKey, createdBy: { id: me.id, name: me.name } } });
  });
  router.post('/api/admin/api-keys/:id/revoke', admin, requireSameOrigin(options.publicUrl), async (req, res) => {
    const { id, name, revokedAt } = await revokeApiKey(store, signedIn(res), String(req.params.id));
    res.json({ id, name, revokedAt });
  });
  return router;
}
