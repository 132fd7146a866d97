import { z } from 'zod';
import { MAX_IDS, MAX_PAGE_SIZE, MAX_SPAN_DAYS } from '../http/open311-query.js';
import type { ApiDescription } from './api-description.js';

/**
 * Open311 GeoReport v2, read-only (README, "Open311"). Its answers and errors follow that
 * specification's shapes, not Suora's own: `[{ "code", "description" }]`, or XML.
 */
export function describeOpen311(api: ApiDescription): void {
  const format = { format: 'The answer’s format: `json` or `xml`.' };
  const locale = z.object({
    locale: z.string().optional().meta({ description: '`fi`, `sv_FI`, `en-GB`…: the language of names and texts; else `Accept-Language`, else Finnish.' }),
    jurisdiction_id: z.string().optional().meta({ description: 'Accepted and ignored: a Suora server serves one city.' }),
  });
  const service = z.object({
    service_code: z.string().meta({ description: 'A topic’s id, or `area:ID` for feedback given to a service area without a topic.' }),
    service_name: z.string(),
    description: z.string(),
    metadata: z.literal(false),
    type: z.literal('realtime'),
    keywords: z.string().meta({ description: 'The name in the other languages.' }),
    group: z.string().meta({ description: 'The service area’s name.' }),
  });
  const request = z.object({
    service_request_id: z.string().meta({ description: 'The feedback’s reference.' }),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable().meta({ description: 'The city’s published reply.' }),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string().nullable().meta({ description: 'The comment as published, redacted where staff redacted it; null for a rating alone.' }),
    agency_responsible: z.string().meta({ description: 'The service area’s name, never a person.' }),
    requested_datetime: z.string().meta({ description: 'ISO 8601 with the city’s offset.' }),
    updated_datetime: z.string().meta({ description: 'The latest of arrival, the reply and publication.' }),
  });
  const errors = { 404: 'Unknown path or format, or (by id) no published item.', 429: 'Too many requests without a key of scope `open311` (`SUORA_OPEN311_RATE_LIMIT`), with `Retry-After`.' };
  const list = (schema: z.ZodType, description: string) => ({ status: 200, description: `${description} JSON: a list; XML: the spec’s elements.`, schema: z.array(schema) });

  api.describe({
    method: 'get',
    path: '/open311/v2/services.{format}',
    tag: 'Open311',
    summary: 'The services: topics, and each service area as a whole',
    description: 'Every topic and service area (`area:ID`) still offered, and every retired one with published feedback.',
    access: 'public',
    params: format,
    query: locale,
    answers: list(service, 'The services.'),
    errors,
  });
  api.describe({
    method: 'get',
    path: '/open311/v2/requests.{format}',
    tag: 'Open311',
    summary: 'Published feedback, newest first',
    description: 'Only feedback whose giver allowed publication and staff published; never contact data, names or notes. Paging: `X-Total-Count`, and `Link: <…>; rel="next"` while more remain.',
    access: 'public',
    params: format,
    query: locale.extend({
      service_request_id: z.string().optional().meta({ description: `Comma-separated references (at most ${MAX_IDS}); overrides the other parameters.` }),
      service_code: z.string().optional().meta({ description: 'Comma-separated service codes.' }),
      status: z.string().optional().meta({ description: '`open`, `closed` or both, comma-separated.' }),
      start_date: z.string().optional().meta({ description: `ISO 8601 with \`Z\` or an offset, or a date alone (the city’s whole day). The range spans at most ${MAX_SPAN_DAYS} days; default the last ${MAX_SPAN_DAYS}.` }),
      end_date: z.string().optional().meta({ description: 'As `start_date`; included.' }),
      page: z.string().optional().meta({ description: 'From 1.' }),
      page_size: z.string().optional().meta({ description: `1–${MAX_PAGE_SIZE}, default ${MAX_PAGE_SIZE}.` }),
    }),
    answers: list(request, 'The requests.'),
    errors: { 400: 'A bad parameter or date.', ...errors },
  });
  api.describe({
    method: 'get',
    path: '/open311/v2/requests/{id}.{format}',
    tag: 'Open311',
    summary: 'One published item',
    description: 'As a list of one, as the spec has it.',
    access: 'public',
    params: { id: 'The feedback’s reference.', ...format },
    query: locale,
    answers: list(request, 'The request.'),
    errors,
  });
}
