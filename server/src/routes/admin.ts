import { once } from 'node:events';
import express, { Router } from 'express';
import { readLoginLinkFor } from '../domain/auth.js';
import { exportCsv } from '../domain/csv-export.js';
import { preferredLocale } from '../http/preferred-locale.js';
import {
  addOfficial,
  addServiceArea,
  addTopic,
  endSessions,
  updateOfficial,
  updateServiceArea,
  updateTopic,
} from '../domain/directory.js';
import { directoryOverview } from '../domain/directory-views.js';
import { createLink, listLinkDetails, revokeLink, rotateLink, tokenOfLink } from '../domain/signature-links.js';
import { linkWithSnippets } from '../domain/signature-snippet.js';
import { requireJson } from '../http/require-json.js';
import type { PersonalData } from '../domain/personal-data-inventory.js';
import { requireRole, requireSameOrigin, signedIn } from '../http/session.js';
import type { Mailer } from '../mail/mailer.js';
import { emailSignInLink } from '../mail/sign-in-mail.js';
import type { Store } from '../domain/store-port.js';
import { exportQuery, pageQuery } from '../http/query-params.js';

/** The admin side: the city's directory, signature links, sign-in links, the export. */
export function adminRoutes(store: Store, options: { publicUrl: string; mailer: Mailer; personalData: PersonalData; timeZone: string }): Router {
  const router = Router();
  const admin = requireRole('admin');
  const change = [admin, requireSameOrigin(options.publicUrl), requireJson, express.json({ limit: '16kb' })];
  const { publicUrl } = options;

  router.get('/api/admin/directory', admin, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await directoryOverview(store));
  });
  router.post('/api/admin/service-areas', ...change, async (req, res) => {
    res.status(201).json(await addServiceArea(store, signedIn(res), req.body));
  });
  router.patch('/api/admin/service-areas/:id', ...change, async (req, res) => {
    res.json(await updateServiceArea(store, signedIn(res), String(req.params.id), req.body));
  });
  router.post('/api/admin/topics', ...change, async (req, res) => {
    res.status(201).json(await addTopic(store, signedIn(res), req.body));
  });
  router.patch('/api/admin/topics/:id', ...change, async (req, res) => {
    res.json(await updateTopic(store, signedIn(res), String(req.params.id), req.body));
  });
  router.post('/api/admin/officials', ...change, async (req, res) => {
    res.status(201).json(await addOfficial(store, signedIn(res), req.body));
  });
  router.patch('/api/admin/officials/:id', ...change, async (req, res) => {
    res.json(await updateOfficial(store, signedIn(res), String(req.params.id), req.body));
  });
  router.delete('/api/admin/officials/:id/sessions', admin, requireSameOrigin(publicUrl), async (req, res) => {
    await endSessions(store, signedIn(res), String(req.params.id));
    res.status(204).end();
  });

  router.get('/api/admin/links', admin, async (_req, res) => {
    const details = await listLinkDetails(store);
    res.set('Cache-Control', 'no-store').json({ links: details.map((d) => linkWithSnippets(publicUrl, d)) });
  });
  router.post('/api/admin/links', ...change, async (req, res) => {
    const details = await createLink(store, signedIn(res), req.body);
    res.status(201).json(linkWithSnippets(publicUrl, details));
  });
  router.post('/api/admin/links/:id/revoke', admin, requireSameOrigin(publicUrl), async (req, res) => {
    const link = await revokeLink(store, signedIn(res), await tokenOfLink(store, String(req.params.id)));
    res.json({ id: link.id, revokedAt: link.revokedAt });
  });
  router.post('/api/admin/links/:id/rotate', admin, requireSameOrigin(publicUrl), async (req, res) => {
    const details = await rotateLink(store, signedIn(res), await tokenOfLink(store, String(req.params.id)));
    res.status(201).json(linkWithSnippets(publicUrl, details));
  });

  // The link goes only to its owner's inbox: an admin never sees another person's sign-in URL.
  router.post('/api/admin/login-links', ...change, async (req, res) => {
    res.status(201).json(await emailSignInLink(store, options.mailer, publicUrl, signedIn(res), readLoginLinkFor(req.body)));
  });

  router.get('/api/admin/personal-data', admin, async (req, res) => {
    const { items, copies } = await options.personalData.access(signedIn(res), req.query);
    res.set('Cache-Control', 'no-store').json({ items, copies });
  });
  router.post('/api/admin/erase', ...change, async (req, res) => {
    res.json(await options.personalData.erase(signedIn(res), req.body ?? {}));
  });
  router.get('/api/admin/audit', admin, async (req, res) => {
    const page = pageQuery.read(req);
    const { items, total } = await store.listAuditEntries({ limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
    res.set('Cache-Control', 'no-store').json({ items, total, ...page });
  });

  router.get('/api/export.csv', admin, async (req, res) => {
    const pieces = exportCsv(store, signedIn(res), options.timeZone, exportQuery.read(req).separator === 'comma' ? ',' : ';');
    // The first piece before the headers: a store that cannot be read is still a clean 503.
    const first = await pieces.next();
    res
      .set({ 'Cache-Control': 'no-store', 'Content-Disposition': 'attachment; filename="suora-feedback.csv"' })
      .type('text/csv; charset=utf-8');
    try {
      for (let piece = first; !piece.done; piece = await pieces.next()) {
        if (!res.write(piece.value)) await once(res, 'drain');
      }
      res.end();
    } catch (error) {
      // Halfway through a download there is no error page to send: break it off, so that
      // a cut-short file is not taken for a whole one.
      res.destroy(error as Error);
    }
  });

  // For people in Excel: headers in the admin's language (`?lang=`, else Accept-Language).
  router.get('/api/export.xlsx', admin, async (req, res) => {
    // exceljs takes 0.4 s to load: loaded by the first export, not at every start.
    const { exportXlsx } = await import('../domain/xlsx-export.js');
    // Read and audited before the headers: a store that cannot be read is still a clean 503.
    const workbook = await exportXlsx(store, signedIn(res), { locale: preferredLocale(req), timeZone: options.timeZone });
    res
      .set({ 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${workbook.filename}"` })
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    try {
      await workbook.writeTo(res);
    } catch (error) {
      // Halfway through a download: break it off, so that a cut-short file is not taken for a whole one.
      res.destroy(error as Error);
    }
  });
  return router;
}
