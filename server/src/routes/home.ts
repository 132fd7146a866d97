import express, { Router } from 'express';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';

export interface HomeRoutesOptions {
  publicUrl: string;
  assetsDir: string;
  demo: boolean;
}

/** `GET /`: what this server is, and how a city page embeds the widget. */
export function homeRoutes(options: HomeRoutesOptions): Router {
  const router = Router();
  router.use('/assets', express.static(options.assetsDir, { maxAge: '1h' }));
  router.get('/', (_req, res) => {
    const snippet = `<script type="module" src="${options.publicUrl}/suora.js"></script>\n<suora-feedback></suora-feedback>`;
    res.type('html').send(
      renderPage({
        lang: 'fi',
        title: 'Suora – palautekanava · feedback channel',
        body: html`<h1>Suora</h1>
<p>Tämä palvelin ottaa vastaan kaupungin asiakaspalautetta ja ohjaa sen vastuuhenkilölle.</p>
<p lang="sv">Den här servern tar emot stadens kundrespons och skickar den till den ansvariga personen.</p>
<p lang="en">This server receives feedback for the city and routes it to the person responsible.</p>
<ul lang="en">
<li><a href="/public">Public feedback and the city’s replies</a></li>
<li><a href="/dashboard">The dashboard for city staff</a></li>
</ul>
${options.demo
  ? html`<h2 lang="en">Demo</h2>
<ul lang="en">
<li><a href="/demo/">A sample city page with the feedback widget</a></li>
<li><a href="/demo/messages">A sample email with a survey signature, and a sample SMS</a></li>
</ul>`
  : ''}
<h2 lang="en">Embed the widget</h2>
<pre lang="en"><code>${snippet}</code></pre>`,
      }),
    );
  });
  return router;
}
