import { Router } from 'express';
import { requireRole, requireSameOrigin, signedIn } from '../http/session.js';
import { dismissMail, mailProblems, retryMail } from '../mail/mail-problems.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { Store } from '../domain/store-port.js';

/** Admins: mail that failed (still retried, or with its tries used up), to retry now or give up. */
export function mailProblemRoutes(store: Store, options: { publicUrl: string; queue: MailQueue }): Router {
  const router = Router();
  const admin = requireRole('admin');
  const change = [admin, requireSameOrigin(options.publicUrl)];
  router.get('/api/admin/mail-problems', admin, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ problems: await mailProblems(store) });
  });
  router.post('/api/admin/mail-problems/:id/retry', ...change, async (req, res) => {
    await retryMail(store, options.queue, signedIn(res), String(req.params.id));
    res.status(204).end();
  });
  router.delete('/api/admin/mail-problems/:id', ...change, async (req, res) => {
    await dismissMail(store, signedIn(res), String(req.params.id));
    res.status(204).end();
  });
  return router;
}
