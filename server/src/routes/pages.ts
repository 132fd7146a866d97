import { Router } from 'express';
import { html, type SafeHtml } from '../http/html.js';

/** The shells of the dashboard and the public feedback page: each one element and its bundle. */
export function pageRoutes(): Router {
  const router = Router();
  router.get('/dashboard', (_req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(
      shell('Suora – palautteiden hallinta', html`<script type="module" src="/dashboard.js"></script>`, html`<suora-dashboard></suora-dashboard>`).value,
    );
  });
  router.get('/public', (_req, res) => {
    res.type('html').send(
      shell(
        'Julkinen palaute – Suora',
        html`<script type="module" src="/public-feed.js"></script>`,
        html`<suora-public-feed heading-level="1"></suora-public-feed>`,
      ).value,
    );
  });
  return router;
}

function shell(title: string, head: SafeHtml, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/page.css">
${head}
</head>
<body class="app">
<main>
${body}
</main>
</body>
</html>
`;
}
