import { Router } from 'express';
import { openApiDocument } from '../openapi/document.js';

/** `GET /api/openapi.json`: the API's description, built once. */
export function openApiRoutes(options: { publicUrl: string }): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument(options.publicUrl));
  router.get('/api/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(document);
  });
  return router;
}
