import { OpenAPIRegistry, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { ErrorResponse, Role } from '../../../contract/api.js';
import type { Holds, MatchesContract } from '../domain/type-checks.js';

/**
 * The pieces every operation of the API description is made of: who may call it, the
 * error shape, and `describe`, which registers one operation. The families of operations
 * are registered in the files beside this one (see document.ts).
 */

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'What went wrong, for programs: `invalid_input`, `not_found`, `too_many_requests`…' }),
      message: z.string().meta({ description: 'What went wrong, for people (English).' }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'Per field, as a dotted path such as `contact.email`: what is wrong with it.' }),
    }),
  })
  .meta({ id: 'Error', description: 'Every 4xx and 5xx answer of the API: never a stack trace.' });

type _Contract = Holds<MatchesContract<z.output<typeof errorSchema>, ErrorResponse>>;

/** Who may call an operation. */
export type Access =
  /** Anyone; public API calls are open to the configured embedding origins (CORS). */
  | 'public'
  /** A signed-in person whose role is one of these. */
  | { roles: readonly Role[] }
  /** A machine client with an API key of this scope (`Authorization: Bearer`). */
  | { apiKeyScope: string }
  /** Whoever holds `SUORA_METRICS_TOKEN` (`Authorization: Bearer`). */
  | 'metrics-token';

/** An answer: JSON of `schema`, or another media type (a page, a file), or nothing. */
export interface Answer {
  status: number;
  description: string;
  schema?: z.ZodType;
  /** Default `application/json` when there is a `schema`. */
  mediaType?: string;
}

export interface Operation {
  method: RouteConfig['method'];
  /** As OpenAPI writes it: `/api/feedback/{id}`. */
  path: string;
  /** The family: the heading it is listed under. */
  tag: string;
  summary: string;
  description: string;
  access: Access;
  /** Whether it changes something: then it must come from Suora's own pages when signed in (Sec-Fetch-Site or Origin). */
  changes?: boolean;
  /** Descriptions of the path's `{parameters}`; each one is a string. */
  params?: Record<string, string>;
  query?: z.ZodObject;
  /** A JSON body, checked by this very schema. */
  body?: z.ZodType;
  /**
   * What must be configured for the server to serve it at all (`SUORA_METRICS_TOKEN is set`):
   * otherwise the path is answered 404 like any path it does not have, and so documented.
   */
  onlyWhen?: string;
  /** Who may call it, when `access` is not the whole story (e.g. `[{}, { session: [] }]`: anyone, or staff for more). */
  security?: RouteConfig['security'];
  answers: Answer | Answer[];
  /** The refusals worth knowing, by status: their codes and when. Those of the access and the body are added. */
  errors?: Record<number, string>;
}

export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'suora_session',
    description:
      'The session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS), set by `POST /login/{key}` or the single sign-on callback. ' +
      'A request with it must come from Suora’s own pages (`Sec-Fetch-Site: same-origin`, or an `Origin` of the server): otherwise 403 `cross_site`.',
  },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key for a machine client, with a scope (`suora api-key create --name NAME --scope SCOPE`), sent as `Authorization: Bearer KEY`.',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The token in `SUORA_METRICS_TOKEN`, sent as `Authorization: Bearer TOKEN`.',
  },
} as const;

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const refusal = (description: string): ResponseConfig => ({ description, content: json(errorSchema) });

export class ApiDescription {
  readonly registry = new OpenAPIRegistry();

  constructor() {
    for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) this.registry.registerComponent('securitySchemes', name, scheme);
  }

  /** Registers one operation, with the refusals its access and body bring. */
  describe(op: Operation): void {
    const errors: Record<number, string> = { ...accessErrors(op), ...(op.body && BODY_ERRORS) };
    for (const [status, text] of Object.entries(op.errors ?? {})) {
      const code = Number(status);
      errors[code] = errors[code] ? `${errors[code]} ${text}` : text;
    }
    if (op.path.startsWith('/api/')) errors[503] ??= UNAVAILABLE;
    const responses: RouteConfig['responses'] = {};
    for (const answer of [op.answers].flat()) {
      responses[answer.status] = {
        description: answer.description,
        ...(answer.schema && { content: { [answer.mediaType ?? 'application/json']: { schema: answer.schema } } }),
        // A page or a file: its media type says it all.
        ...(!answer.schema && answer.mediaType && { content: { [answer.mediaType]: {} } }),
      };
    }
    for (const [status, text] of Object.entries(errors)) responses[status] = refusal(text);
    if (op.onlyWhen) responses[404] = notServed(op);
    const params = pathParams(op);
    this.registry.registerPath({
      method: op.method,
      path: op.path,
      tags: [op.tag],
      summary: op.summary,
      description: `${op.onlyWhen ? `Only when ${op.onlyWhen} (otherwise 404). ` : ''}${op.description}${accessText(op)}`,
      operationId: operationId(op),
      security: op.security ?? security(op.access),
      request: {
        ...(params && { params }),
        ...(op.query && { query: op.query }),
        ...(op.body && { body: { required: true, content: json(op.body) } }),
      },
      responses,
    });
  }
}

/**
 * The 404 of an operation that is not configured: the API's error shape under /api, the
 * framework's page elsewhere; with the operation's own 404, if it has one, beside it.
 */
function notServed(op: Operation): ResponseConfig {
  const ownAnswer = [op.answers].flat().find((answer) => answer.status === 404);
  const own = ownAnswer?.description ?? op.errors?.[404];
  const description = `Not served unless ${op.onlyWhen}.${own ? ` Also: ${own}` : ''}`;
  if (op.path.startsWith('/api/')) return refusal(description);
  return { description, content: { 'text/html': {}, ...(ownAnswer?.mediaType && { [ownAnswer.mediaType]: {} }) } };
}

const UNAVAILABLE = '`storage_unavailable` (nothing was saved: send again later) or `shutting_down`; with `Retry-After`.';
const BODY_ERRORS: Record<number, string> = {
  400: 'A body that breaks its schema: `invalid_json`, or the operation’s own code with `fields`, one message per field, in words a person understands.',
  413: '`too_large`: the body is over the operation’s limit.',
  415: '`json_required`: the body was not sent as `application/json`.',
};

function accessErrors(op: Operation): Record<number, string> {
  const sameOrigin = '`cross_site`: a change, or a signed-in request, that did not come from Suora’s own pages.';
  if (typeof op.access === 'object' && 'roles' in op.access) {
    return { 401: '`signed_out`: no session.', 403: `${sameOrigin} \`forbidden\`: the person’s role does not allow this.` };
  }
  if (op.access !== 'public') return { 401: 'No bearer token, or one that is not valid (or revoked).', 403: 'A key without the scope this needs.' };
  return op.changes ? { 403: sameOrigin } : {};
}

function accessText(op: Operation): string {
  const access = op.access;
  if (access === 'public') return '';
  if (access === 'metrics-token') return '\n\nWith the metrics token.';
  if ('apiKeyScope' in access) return `\n\nWith an API key of scope \`${access.apiKeyScope}\`.`;
  return `\n\nSigned in as: ${access.roles.join(', ')}.`;
}

function security(access: Access): RouteConfig['security'] {
  if (access === 'public') return [];
  if (access === 'metrics-token') return [{ metricsToken: [] }];
  if ('apiKeyScope' in access) return [{ apiKey: [] }];
  return [{ session: [] }];
}

/** `{id}` and the like: each path parameter a string, described by the operation or by its name. */
function pathParams(op: Operation): z.ZodObject | undefined {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) return undefined;
  return z.object(Object.fromEntries(names.map((name) => [name, z.string().meta({ description: op.params?.[name] ?? PARAMS[name] ?? name })])));
}

const PARAMS: Record<string, string> = {
  id: 'The id of the item the path names.',
  token: 'A signature link’s token (at least 21 characters).',
  key: 'A one-time key from a link (at least 21 characters).',
};

/** `GET /api/feedback/{id}` → `getApiFeedbackById`: unique per method and path, readable in generated clients. */
function operationId(op: Operation): string {
  const words = op.path
    .split(/[/.\-]/)
    .filter(Boolean)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name ? `By${capital(name)}` : capital(part);
    });
  return `${op.method}${words.join('')}`;
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
