import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiProblems } from '../helpers/openapi-shape.js';
import { routesOf } from '../helpers/routes.js';
import { asStaff, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/** An Express path as OpenAPI writes it: `/api/feedback/:id` → `/api/feedback/{id}`, `/s/*path` → `/s/{path}`. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/[:*](\w+)/g, '{$1}');
}

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: { enum?: string[] } }[]; security: Record<string, unknown>[]; responses: Record<string, any>; requestBody?: any }>>;
  components: { schemas: Record<string, any> };
};

/** Each operation of the document, as `METHOD /path`. */
function operationsOf(doc: Doc): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
}

describe('GET /api/openapi.json', () => {
  let server: TestServer;
  let doc: Doc;
  // Every optional family switched on: the demo's pages, single sign-on and the metrics.
  before(async () => {
    server = await startTestServer({ demo: true, metricsToken: 'a-metrics-token-of-24-characters', oidc: { issuer: 'http://127.0.0.1:9/', clientId: 'suora', clientSecret: 'secret', emailClaim: 'email' } });
    const response = await fetch(`${server.url}/api/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    doc = (await response.json()) as Doc;
  });
  after(() => server.close());

  it('is an OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    // The official 3.1 JSON schema, then what it cannot say (every $ref resolves, path parameters match, ids unique).
    const checked = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    assert.deepEqual(checked.errors ?? [], [], 'valid against the OpenAPI 3.1 schema');
    assert.equal(checked.valid, true);
    assert.deepEqual(openApiProblems(doc), []);
  });

  it('describes every route the app serves, and nothing else', () => {
    const served = routesOf(server.app).map((r) => `${r.method} ${openApiPath(r.path)}`);
    const described = operationsOf(doc);
    assert.deepEqual(served.filter((op) => !described.includes(op)), [], 'served but not described (describe it in server/src/openapi/)');
    assert.deepEqual(described.filter((op) => !served.includes(op)), [], 'described but not served');
  });

  it('gives every API operation the error shape, and names who may call it', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        assert.ok(Array.isArray(op.security), `${method} ${path} says who may call it`);
        for (const [status, answer] of Object.entries(op.responses)) {
          if (path.startsWith('/api/') && Number(status) >= 400) assert.equal(answer.content?.['application/json']?.schema?.$ref, '#/components/schemas/Error', `${method} ${path} ${status}`);
        }
      }
    }
    const staffOnly = doc.paths['/api/me/feedback']!.get!;
    assert.deepEqual(staffOnly.security, [{ session: [] }]);
    assert.ok(staffOnly.responses['401'] && staffOnly.responses['403']);
    assert.deepEqual(doc.paths['/api/topics']!.get!.security, []);
  });

  it('documents a body by the schema that checks it: a field it lacks is refused', async () => {
    const body = doc.paths['/api/feedback']!.post!.requestBody.content['application/json'].schema;
    assert.equal(body.additionalProperties, false);
    assert.ok(['topic', 'rating', 'comment', 'contact', 'fillMs', 'press'].every((field) => field in body.properties));
    assert.deepEqual(body.properties.rating, { type: 'integer', minimum: 1, maximum: 5, description: '1 (poor) to 5 (excellent).' });
    const refused = await fetch(`${server.url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rating: 4, mood: 'fine' }) });
    assert.equal(refused.status, 400);
    assert.ok(!('mood' in body.properties));
  });

  it('documents each query parameter by the schema that checks it: a value outside its enum is a 400, each value in it is not', async () => {
    const admin = await signInAs(server, 'tiina');
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op || !path.startsWith('/api/') || path.includes('{') || path.startsWith('/api/team')) continue;
      for (const param of op.parameters ?? []) {
        const values = param.in === 'query' ? param.schema?.enum : undefined;
        // `lang` is a preference: an unknown one falls back to Accept-Language.
        if (!values || param.name === 'lang') continue;
        const wrong = await asStaff(server, admin, 'GET', `${path}?${param.name}=nonsense`);
        assert.equal(wrong.status, 400, `${path}?${param.name}=nonsense`);
        assert.equal(typeof wrong.json.error.code, 'string');
        for (const value of values) assert.equal((await asStaff(server, admin, 'GET', `${path}?${param.name}=${value}`)).status, 200, `${path}?${param.name}=${value}`);
        checked++;
      }
    }
    assert.ok(checked >= 12, `checked ${checked} parameters`);
  });

  it('describes the days each dashboard counts, `from` and `to`, as dates the server checks, and the days in the answer', async () => {
    const admin = await signInAs(server, 'tiina');
    for (const path of ['/api/stats', '/api/team/scores', '/api/me/scores']) {
      const op = doc.paths[path]!.get!;
      for (const name of ['from', 'to']) {
        const param = op.parameters?.find((p) => p.name === name && p.in === 'query') as { schema?: { format?: string } } | undefined;
        assert.equal(param?.schema?.format, 'date', `${path} ${name}`);
      }
      assert.ok(JSON.stringify(op.responses[400]).length > 0, `${path} names its 400`);
      const answer = op.responses[200].content['application/json'].schema.$ref.split('/').pop();
      assert.equal(doc.components.schemas[answer].properties.days.$ref, '#/components/schemas/DayRange', `${path} answers the days counted`);
    }
    const wrong = await asStaff(server, admin, 'GET', '/api/me/scores?from=2026-02-30');
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.code, 'invalid_range');
  });
});

describe('GET /api/openapi.json of a server with nothing optional configured', () => {
  it('documents the 404 of each operation it does not serve (single sign-on, metrics, the demo), and answers it', async () => {
    const server = await startTestServer();
    try {
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Doc;
      const served = routesOf(server.app).map((r) => `${r.method} ${openApiPath(r.path)}`);
      const notServed = operationsOf(doc).filter((op) => !served.includes(op));
      assert.deepEqual(notServed.sort(), ['GET /auth/oidc/callback', 'GET /auth/oidc/login', 'GET /demo/messages', 'GET /metrics']);
      for (const op of notServed) {
        const [method, path] = op.split(' ') as [string, string];
        const answer = doc.paths[path]![method.toLowerCase()]!;
        assert.match(answer.responses['404']?.description ?? '', /^Not served unless /, `${op} documents its 404`);
        assert.equal((await fetch(`${server.url}${path}`, { method })).status, 404, `${op} answers 404`);
      }
    } finally {
      await server.close();
    }
  });
});

describe('the OpenAPI shape check', () => {
  const valid = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/a/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } } } } },
    components: { schemas: { A: { type: 'object' } } },
  };
  const broken = (change: (doc: any) => void) => {
    const doc = structuredClone(valid) as any;
    change(doc);
    return openApiProblems(doc);
  };

  it('passes a valid document and finds each kind of fault', () => {
    assert.deepEqual(openApiProblems(valid), []);
    assert.notDeepEqual(broken((d) => (d.openapi = '3.0.3')), []);
    assert.notDeepEqual(broken((d) => delete d.info.version), []);
    assert.notDeepEqual(broken((d) => (d.paths['/a/{id}'].get.parameters = [])), [], 'an undeclared path parameter');
    assert.notDeepEqual(broken((d) => (d.paths['/a/{id}'].get.parameters[0].required = false)), []);
    assert.notDeepEqual(broken((d) => delete d.paths['/a/{id}'].get.responses['200'].description), []);
    assert.notDeepEqual(broken((d) => (d.paths['/a/{id}'].get.responses = { 200.5: { description: 'x' } })), []);
    assert.notDeepEqual(broken((d) => (d.components.schemas = {})), [], 'a $ref to nothing');
    assert.notDeepEqual(broken((d) => (d.components.schemas.A = { type: 'string', nullable: true })), [], 'OpenAPI 3.0’s nullable');
    assert.notDeepEqual(broken((d) => (d.components.schemas.A = { type: 'text' })), []);
    assert.notDeepEqual(broken((d) => (d.paths['/a/{id}'].get.security = [{ cookie: [] }])), [], 'an undeclared security scheme');
    assert.notDeepEqual(broken((d) => (d.paths['/a/{id}'].get.operation = 'x')), [], 'an unknown field');
  });
});
