import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { PACKAGE_ROOT } from '../paths.js';
import { ApiDescription } from './api-description.js';
import { describeAdminApi } from './admin-api.js';
import { describeOpen311 } from './open311.js';
import { describeOperations } from './operations.js';
import { describeOutgoingMessages } from './outgoing-messages.js';
import { describePages } from './pages.js';
import { describePublicApi } from './public-api.js';
import { describeStaffApi } from './staff-api.js';

/**
 * Every family of operations. A new route is described in the family's file (or a new file
 * with a `describe…(api)` function, added here); test/server/openapi.test.ts fails for a
 * route the app serves that is not described, and for a description of no route.
 */
const FAMILIES = [describePublicApi, describeStaffApi, describeAdminApi, describePages, describeOperations, describeOpen311, describeOutgoingMessages];

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The OpenAPI 3.1 document of the HTTP API, for a server at `publicUrl`. */
export function openApiDocument(publicUrl: string): OpenApiDocument {
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  const api = new ApiDescription();
  for (const describe of FAMILIES) describe(api);
  return new OpenApiGeneratorV31(api.registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Suora',
      version,
      description:
        'The HTTP API of Suora, a city’s direct feedback channel. JSON in and out; every error is `{ "error": { "code", "message", "fields"? } }` ' +
        'with a 4xx status when the request was at fault, never a stack trace. Times are ISO 8601; days, weeks and months are the city’s (`SUORA_TIME_ZONE`). ' +
        'Types: `contract/api.ts`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: publicUrl }],
  });
}
