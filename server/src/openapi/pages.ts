import { z } from 'zod';
import type { ApiDescription, Operation } from './api-description.js';

const page = (description: string) => ({ status: 200, description, mediaType: 'text/html' });
const script = { status: 200, description: 'The ES module.', mediaType: 'text/javascript' };

/** What browsers load: Suora's pages and the bundles they run, and this description itself. */
export function describePages(api: ApiDescription): void {
  const get = (op: Omit<Operation, 'method' | 'access' | 'tag'>) => api.describe({ method: 'get', access: 'public', tag: 'Pages', ...op });

  get({ path: '/', summary: 'What this server is', description: 'And how a city page embeds the widget, in the visitor’s language (`?lang=`, else `Accept-Language`).', answers: page('The page.') });
  get({ path: '/dashboard', summary: 'The dashboard', description: 'The officials’, managers’, decision-makers’ and admins’ page (one element and its bundle).', answers: page('The page.') });
  get({ path: '/public', summary: 'The public feedback page', description: 'Published feedback with the city’s replies, filters by area and topic, in `?lang=` or the browser’s language.', answers: page('The page.') });
  get({ path: '/feedback', summary: 'The feedback form on a page of its own', description: 'Where the public page’s “Give feedback” leads: the widget under the city’s header, in `?lang=` or the browser’s language.', answers: page('The page.') });
  get({
    path: '/s/{path}',
    summary: 'A survey link’s page',
    description:
      'The page of the signature link `/s/TOKEN` (`?r=1..5` preselects a rating, `?ref=` carries a message reference), with the official’s name and area. ' +
      '**A GET records nothing**: mail scanners open every link; only a person’s press on the page sends an answer. A link wrapped on its way through mail may carry more segments.',
    params: { path: 'The link’s token.' },
    query: z.object({ r: z.string().optional().meta({ description: 'A rating to preselect, 1–5.' }), ref: z.string().optional().meta({ description: 'A per-message reference, e.g. a case number.' }) }),
    answers: [page('The survey page.'), { status: 404, description: 'No such link: a page offering the general feedback form.', mediaType: 'text/html' }, { status: 410, description: 'The link is no longer in use: the same page.', mediaType: 'text/html' }],
  });
  get({
    path: '/f/{key}',
    summary: 'A giver’s status page',
    description: 'The status and the public reply, server-rendered without script, in `?lang=` or the feedback’s language. Not cached, not indexed.',
    params: { key: 'The status key from the acknowledgement email.' },
    query: z.object({ lang: z.enum(['fi', 'sv', 'en']).optional() }),
    answers: [page('The status page.'), { status: 404, description: 'Unknown or erased (a page).', mediaType: 'text/html' }],
  });
  get({ path: '/demo/messages', summary: 'The demo’s sample email and SMS', onlyWhen: 'the server runs the demo (`suora demo`)', description: 'A sample reply with a live survey signature, and a sample SMS.', answers: [page('The page.'), { status: 404, description: 'The demo has no live email and SMS links.', mediaType: 'text/plain' }] });

  const bundle = (name: string, what: string) =>
    get({ path: `/${name}`, summary: `The ${what} bundle`, description: 'Any site may load it (CORS, cross-origin resource policy); cached for 5 minutes.', answers: [script, { status: 503, description: 'Not built yet (`npm run build`).', mediaType: 'text/plain' }] });
  bundle('suora.js', 'feedback widget');
  bundle('survey.js', 'survey page');
  bundle('dashboard.js', 'dashboard');
  bundle('public-feed.js', 'public page');
  get({ path: '/chunks/{file}', summary: 'A chunk the bundles share', description: 'Named by its content’s hash: cached for good.', params: { file: 'The chunk’s name, `NAME-HASH.js`.' }, answers: script });

  api.describe({
    method: 'get',
    path: '/api/openapi.json',
    access: 'public',
    tag: 'Pages',
    summary: 'This description',
    description: 'OpenAPI 3.1, generated from the schemas that check the requests.',
    answers: { status: 200, description: 'The document.', mediaType: 'application/json', schema: z.object({ openapi: z.string() }).loose() },
  });
}
