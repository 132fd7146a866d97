import { z } from 'zod';

/**
 * What the OpenAPI 3.1 specification requires of a document, as far as Suora's uses it:
 * each object's fixed fields and their types (anything else only as an `x-` extension),
 * schemas as JSON Schema 2020-12 (no 3.0 `nullable`), and the rules that span the
 * document: every `$ref` resolves, each path template's parameters are declared (and
 * required), operation ids are unique, security requirements name declared schemes.
 * No OpenAPI validator is installed; this checks with zod, which is.
 */
export function openApiProblems(document: unknown): string[] {
  const result = documentShape.safeParse(document);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return [...problems, ...crossProblems(document as Doc)];
}

/** An object with these fixed fields, and otherwise only `x-` extensions. */
function fixed<S extends z.ZodRawShape>(shape: S) {
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!(key in shape) && !key.startsWith('x-')) ctx.addIssue({ code: 'custom', message: `unknown field "${key}"`, path: [key] });
      }
    });
}

const JSON_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;
const ref = fixed({ $ref: z.string(), summary: z.string().optional(), description: z.string().optional() });

/** JSON Schema 2020-12 as OpenAPI 3.1 takes it: the keywords that hold schemas hold schemas; `nullable` is 3.0's. */
const schema: z.ZodType = z.lazy(() =>
  z.union([
    z.boolean(),
    z
      .object({
        type: z.union([z.enum(JSON_TYPES), z.array(z.enum(JSON_TYPES))]).optional(),
        properties: z.record(z.string(), schema).optional(),
        required: z.array(z.string()).optional(),
        additionalProperties: schema.optional(),
        items: schema.optional(),
        prefixItems: z.array(schema).optional(),
        anyOf: z.array(schema).min(1).optional(),
        oneOf: z.array(schema).min(1).optional(),
        allOf: z.array(schema).min(1).optional(),
        not: schema.optional(),
        enum: z.array(z.unknown()).min(1).optional(),
        pattern: z.string().optional(),
        minimum: z.number().optional(),
        maximum: z.number().optional(),
        minLength: z.number().int().min(0).optional(),
        maxLength: z.number().int().min(0).optional(),
        minItems: z.number().int().min(0).optional(),
        maxItems: z.number().int().min(0).optional(),
        description: z.string().optional(),
        format: z.string().optional(),
        $ref: z.string().optional(),
        nullable: z.never({ error: '`nullable` is OpenAPI 3.0; 3.1 writes type: [T, "null"]' }).optional(),
      })
      .catchall(z.unknown())
      .refine((s) => typeof s.pattern !== 'string' || isRegExp(s.pattern), { error: 'pattern is not a regular expression' }),
  ]),
);

const mediaType = fixed({ schema: schema.optional(), example: z.unknown().optional(), examples: z.record(z.string(), z.unknown()).optional(), encoding: z.record(z.string(), z.unknown()).optional() });
const content = z.record(z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { error: 'not a media type' }), mediaType);

const parameter = fixed({
  name: z.string().min(1),
  in: z.enum(['query', 'header', 'path', 'cookie']),
  description: z.string().optional(),
  required: z.boolean().optional(),
  deprecated: z.boolean().optional(),
  allowEmptyValue: z.boolean().optional(),
  style: z.string().optional(),
  explode: z.boolean().optional(),
  allowReserved: z.boolean().optional(),
  schema: schema.optional(),
  example: z.unknown().optional(),
  examples: z.record(z.string(), z.unknown()).optional(),
  content: content.optional(),
})
  .refine((p) => (p.schema === undefined) !== (p.content === undefined), { error: 'a parameter has a schema or a content, not both' })
  .refine((p) => p.in !== 'path' || p.required === true, { error: 'a path parameter must be required' });

const response = fixed({ description: z.string(), headers: z.record(z.string(), z.unknown()).optional(), content: content.optional(), links: z.record(z.string(), z.unknown()).optional() });
const securityRequirement = z.array(z.record(z.string(), z.array(z.string())));

const operation = fixed({
  tags: z.array(z.string()).optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  externalDocs: z.unknown().optional(),
  operationId: z.string().optional(),
  parameters: z.array(z.union([ref, parameter])).optional(),
  requestBody: z.union([ref, fixed({ description: z.string().optional(), content, required: z.boolean().optional() })]).optional(),
  responses: z.record(z.string().regex(/^([1-5](\d\d|XX)|default)$/, { error: 'not a status code' }), z.union([ref, response])).refine((r) => Object.keys(r).length > 0, { error: 'no responses' }),
  callbacks: z.record(z.string(), z.unknown()).optional(),
  deprecated: z.boolean().optional(),
  security: securityRequirement.optional(),
  servers: z.array(z.unknown()).optional(),
});

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const pathItem = fixed({
  $ref: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  ...Object.fromEntries(METHODS.map((m) => [m, operation.optional()])),
  servers: z.array(z.unknown()).optional(),
  parameters: z.array(z.union([ref, parameter])).optional(),
});

const securityScheme = z.union([
  fixed({ type: z.literal('apiKey'), description: z.string().optional(), name: z.string(), in: z.enum(['query', 'header', 'cookie']) }),
  fixed({ type: z.literal('http'), description: z.string().optional(), scheme: z.string(), bearerFormat: z.string().optional() }),
  fixed({ type: z.literal('mutualTLS'), description: z.string().optional() }),
  fixed({ type: z.literal('oauth2'), description: z.string().optional(), flows: z.record(z.string(), z.unknown()) }),
  fixed({ type: z.literal('openIdConnect'), description: z.string().optional(), openIdConnectUrl: z.string() }),
]);
const componentName = z.string().regex(/^[a-zA-Z0-9.\-_]+$/, { error: 'not a component name' });

const documentShape = fixed({
  openapi: z.string().regex(/^3\.1\.\d+(-.+)?$/, { error: 'not OpenAPI 3.1' }),
  info: fixed({
    title: z.string(),
    summary: z.string().optional(),
    description: z.string().optional(),
    termsOfService: z.string().optional(),
    contact: z.unknown().optional(),
    license: fixed({ name: z.string(), identifier: z.string().optional(), url: z.string().optional() }).optional(),
    version: z.string(),
  }),
  jsonSchemaDialect: z.string().optional(),
  servers: z.array(fixed({ url: z.string(), description: z.string().optional(), variables: z.record(z.string(), z.unknown()).optional() })).optional(),
  paths: z.record(z.string().regex(/^\//, { error: 'a path begins with /' }), pathItem).optional(),
  webhooks: z.record(z.string(), pathItem).optional(),
  components: fixed({
    schemas: z.record(componentName, schema).optional(),
    responses: z.record(componentName, z.union([ref, response])).optional(),
    parameters: z.record(componentName, z.union([ref, parameter])).optional(),
    securitySchemes: z.record(componentName, securityScheme).optional(),
    examples: z.record(componentName, z.unknown()).optional(),
    requestBodies: z.record(componentName, z.unknown()).optional(),
    headers: z.record(componentName, z.unknown()).optional(),
    links: z.record(componentName, z.unknown()).optional(),
    callbacks: z.record(componentName, z.unknown()).optional(),
    pathItems: z.record(componentName, z.unknown()).optional(),
  }).optional(),
  security: securityRequirement.optional(),
  tags: z.array(fixed({ name: z.string(), description: z.string().optional(), externalDocs: z.unknown().optional() })).optional(),
  externalDocs: z.unknown().optional(),
}).refine((d) => d.paths !== undefined || d.components !== undefined || d.webhooks !== undefined, { error: 'a document has paths, components or webhooks' });

interface Doc {
  paths?: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string }[]; security?: Record<string, unknown>[] }>>;
  components?: { securitySchemes?: Record<string, unknown> };
  security?: Record<string, unknown>[];
}

function crossProblems(doc: Doc): string[] {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null) return problems;
  for (const target of refsIn(doc)) {
    if (resolve(doc, target) === undefined) problems.push(`$ref ${target} resolves to nothing`);
  }
  const schemes = Object.keys(doc.components?.securitySchemes ?? {});
  const ids = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const params = op.parameters ?? [];
      const declared = params.filter((p) => p.in === 'path').map((p) => p.name).sort();
      if (JSON.stringify(declared) !== JSON.stringify(templated)) problems.push(`${where}: path parameters ${declared.join(',')} are not the template's ${templated.join(',')}`);
      const keys = params.map((p) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) problems.push(`${where}: a parameter is declared twice`);
      if (op.operationId !== undefined) {
        if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} is also ${ids.get(op.operationId)}'s`);
        ids.set(op.operationId, where);
      }
      for (const requirement of [...(op.security ?? []), ...(doc.security ?? [])]) {
        for (const name of Object.keys(requirement)) if (!schemes.includes(name)) problems.push(`${where}: security scheme ${name} is not declared`);
      }
    }
  }
  return problems;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner)));
}

/** A local reference (`#/components/schemas/Error`), followed through the document. */
function resolve(doc: unknown, target: string): unknown {
  if (!target.startsWith('#/')) return undefined;
  let here: unknown = doc;
  for (const part of target.slice(2).split('/')) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    here = typeof here === 'object' && here !== null ? (here as Record<string, unknown>)[key] : undefined;
  }
  return here;
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
