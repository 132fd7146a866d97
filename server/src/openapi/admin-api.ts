import { z } from 'zod';
import { apiKeyInput } from '../domain/api-keys.js';
import { loginLinkFor } from '../domain/auth.js';
import { officialChanges, officialInput, serviceAreaChanges, serviceAreaInput, topicChanges, topicInput } from '../domain/directory.js';
import { personSelector } from '../domain/personal-data.js';
import { templateChanges, templateInput } from '../domain/reply-templates.js';
import { newLinkInput } from '../domain/signature-links.js';
import { exportQuery, pageQuery } from '../http/query-params.js';
import type { ApiDescription } from './api-description.js';
import { adminApiKey, adminDirectory, auditEntry, linkWithSnippets, official, paged, replyTemplate, serviceArea, topic } from './responses.js';

const admin = { roles: ['admin'] } as const;
const directoryErrors = { 400: '`invalid_input` (with `fields`), `unknown_service_area`, `unknown_official`, `not_a_handler` (only an active official, manager or admin can own a topic, an area or a link).' };
const missing = (what: string) => ({ 404: `\`not_found\`: no such ${what}.` });

/** What admins call: the city's directory, survey links, sign-in links, personal data, the audit log, the exports, reply templates, API keys. */
export function describeAdminApi(api: ApiDescription): void {
  api.describe({ method: 'get', path: '/api/admin/directory', tag: 'Admin', summary: 'The directory', description: 'Service areas, topics and officials, and what breaks the routing rules.', access: admin, answers: { status: 200, description: 'The directory.', schema: adminDirectory } });

  api.describe({ method: 'post', path: '/api/admin/service-areas', tag: 'Admin', summary: 'Add a service area', description: 'Its names in fi, sv and en (each 1–200 characters); the id is made from the Finnish name unless given. Audited.', access: admin, changes: true, body: serviceAreaInput, answers: { status: 201, description: 'The area.', schema: serviceArea }, errors: { ...directoryErrors, 409: '`already_exists`.' } });
  api.describe({ method: 'patch', path: '/api/admin/service-areas/{id}', tag: 'Admin', summary: 'Change a service area', description: 'Its names, its contact official, or `retired`: a retired area and its topics are no longer offered (feedback to them is refused as unknown), no topic or survey link can be added in it; its feedback, figures and people stay. Reversible. Audited.', access: admin, changes: true, params: { id: 'The area’s id.' }, body: serviceAreaChanges, answers: { status: 200, description: 'The area.', schema: serviceArea }, errors: { ...directoryErrors, ...missing('service area'), 409: '`area_has_live_links`: revoke the survey links that point at it first.' } });
  api.describe({ method: 'post', path: '/api/admin/topics', tag: 'Admin', summary: 'Add a topic', description: 'In an area, with its responsible official; `targetDays`: the response target in working days (1–60, default 5). Audited.', access: admin, changes: true, body: topicInput, answers: { status: 201, description: 'The topic.', schema: topic }, errors: { ...directoryErrors, 409: '`already_exists`.' } });
  api.describe({ method: 'patch', path: '/api/admin/topics/{id}', tag: 'Admin', summary: 'Change a topic', description: 'Names, responsible official, business form, response target (for feedback arriving after the change), or `retired: true` (no longer offered; its feedback stays). Audited.', access: admin, changes: true, params: { id: 'The topic’s id.' }, body: topicChanges, answers: { status: 200, description: 'The topic.', schema: topic }, errors: { ...directoryErrors, ...missing('topic') } });
  api.describe({ method: 'post', path: '/api/admin/officials', tag: 'Admin', summary: 'Add an official', description: 'The email is unique, compared trimmed and case-insensitively. Audited.', access: admin, changes: true, body: officialInput, answers: { status: 201, description: 'The official.', schema: official }, errors: { ...directoryErrors, 409: '`already_exists`, `email_taken`.' } });
  api.describe({
    method: 'patch',
    path: '/api/admin/officials/{id}',
    tag: 'Admin',
    summary: 'Change an official',
    description:
      'Name, title, email, area, role, mail language, `active`. Deactivating someone (or a role that no longer handles feedback, while they hold any) needs a `successor`: their open items, topics, areas and links move to them. ' +
      'Deactivation, a role change and an email change end every session of the person at once. Audited.',
    access: admin,
    changes: true,
    params: { id: 'The official’s id.' },
    body: officialChanges,
    answers: { status: 200, description: 'The official.', schema: official },
    errors: { 400: `${directoryErrors[400]} \`successor_required\`, \`successor_not_needed\`, \`invalid_successor\`, \`manager_without_area\`.`, ...missing('official'), 409: '`email_taken`; `last_admin`: nobody can deactivate or demote the last active admin.' },
  });
  api.describe({ method: 'delete', path: '/api/admin/officials/{id}/sessions', tag: 'Admin', summary: 'End an official’s sessions', description: 'Every session of the person, at once. Audited.', access: admin, changes: true, params: { id: 'The official’s id.' }, answers: { status: 204, description: 'Ended.' }, errors: missing('official') });

  api.describe({ method: 'get', path: '/api/admin/links', tag: 'Survey links', summary: 'Every survey link', description: 'Live and revoked, with their snippets.', access: admin, answers: { status: 200, description: 'The links.', schema: z.object({ links: z.array(linkWithSnippets) }) } });
  api.describe({ method: 'post', path: '/api/admin/links', tag: 'Survey links', summary: 'Create a survey link', description: 'A 21-character random token bound to one official and area, for one channel; with the signature snippets in HTML and plain text. Audited.', access: admin, changes: true, body: newLinkInput, answers: { status: 201, description: 'The link.', schema: linkWithSnippets }, errors: directoryErrors });
  const link = { id: 'The link’s id (not its token: tokens stay out of URLs and logs).' };
  api.describe({ method: 'post', path: '/api/admin/links/{id}/revoke', tag: 'Survey links', summary: 'Revoke a survey link', description: 'Its page then says it is no longer in use, and answers through it are refused (410). Audited.', access: admin, changes: true, params: link, answers: { status: 200, description: 'Revoked.', schema: z.object({ id: z.string(), revokedAt: z.string().nullable() }) }, errors: { 404: '`unknown_link`.' } });
  api.describe({ method: 'post', path: '/api/admin/links/{id}/rotate', tag: 'Survey links', summary: 'Rotate a survey link', description: 'Revokes it and creates its successor for the same official, area and channel. Audited.', access: admin, changes: true, params: link, answers: { status: 201, description: 'The new link.', schema: linkWithSnippets }, errors: { 404: '`unknown_link`.' } });
  api.describe({
    method: 'post',
    path: '/api/admin/login-links',
    tag: 'Admin',
    summary: 'Email an official a sign-in link',
    description: 'The one-time link (15 minutes) goes to the official’s own address; it is never returned. Audited.',
    access: admin,
    changes: true,
    body: loginLinkFor,
    answers: { status: 201, description: 'Sent.', schema: z.object({ emailedTo: z.string(), expiresAt: z.string().meta({ format: 'date-time' }) }) },
    errors: { 400: '`unknown_official`.', 409: '`inactive`: the official can no longer sign in.' },
  });

  api.describe({
    method: 'get',
    path: '/api/admin/personal-data',
    tag: 'Personal data',
    summary: 'A person’s data (access request)',
    description: 'Every item given with the email (or the one item), without secrets, and what the other places hold of them (`copies.outbox`: the messages). Audited with the item ids, never the email.',
    access: admin,
    query: personSelector,
    answers: { status: 200, description: 'The copy.', schema: z.object({ items: z.array(z.record(z.string(), z.unknown())), copies: z.record(z.string(), z.unknown()) }) },
    errors: { 400: '`invalid_email`, `invalid_id`.' },
  });
  api.describe({
    method: 'post',
    path: '/api/admin/erase',
    tag: 'Personal data',
    summary: 'Erase a person’s data',
    description: 'Every copy the inventory knows of: items, replies, notes, the outbox, digests, caches. Audited with the item ids.',
    access: admin,
    changes: true,
    body: personSelector,
    answers: {
      status: 200,
      description: 'The erased items’ references, and how many copies each place removed (by the inventory’s place key: `feedback`, `mail-queue`, `outbox`, `sms` for waiting SMS and the quiet-period hash).',
      schema: z.object({ erased: z.array(z.string()), removed: z.record(z.string(), z.number().int()) }),
    },
    errors: { 400: '`invalid_email`, `invalid_id`.' },
  });
  api.describe({ method: 'get', path: '/api/admin/audit', tag: 'Admin', summary: 'The audit log', description: 'Who did what to which item, newest first: ids and enumerations, never contact data or free text.', access: admin, query: pageQuery.schema, answers: { status: 200, description: 'A page.', schema: paged(auditEntry) }, errors: { 400: '`invalid_page`.' } });
  api.describe({
    method: 'get',
    path: '/api/export.csv',
    tag: 'Admin',
    summary: 'Every item as CSV',
    description: 'For machines: UTF-8 with a byte-order mark, times as the city’s clocks showed them with their offset (`2026-03-30T00:30:00+03:00`). Audited.',
    access: admin,
    query: exportQuery.schema,
    answers: { status: 200, description: 'The file (`suora-feedback.csv`).', mediaType: 'text/csv' },
    errors: { 400: '`invalid_separator`.' },
  });
  api.describe({
    method: 'get',
    path: '/api/export.xlsx',
    tag: 'Admin',
    summary: 'Every item as an Excel workbook',
    description: 'For people: the header row in the admin’s language, every free-text and contact value a text cell exactly as typed, times as date cells in the city’s time. Audited.',
    access: admin,
    query: z.object({ lang: z.enum(['fi', 'sv', 'en']).optional().meta({ description: 'The header row’s language; otherwise `Accept-Language`.' }) }),
    answers: { status: 200, description: 'The workbook.', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });

  const template = { id: 'The template’s id.' };
  api.describe({ method: 'post', path: '/api/admin/templates', tag: 'Handling', summary: 'Add a reply template', description: 'For every area (`serviceAreaId` null or absent) or one; its text in fi, sv and en, each at most 4000 characters. Audited.', access: admin, changes: true, body: templateInput, answers: { status: 201, description: 'The template.', schema: replyTemplate }, errors: { 400: '`invalid_input` (with `fields`), `unknown_service_area`.' } });
  api.describe({ method: 'patch', path: '/api/admin/templates/{id}', tag: 'Handling', summary: 'Change a reply template', description: 'Any of its fields. Audited.', access: admin, changes: true, params: template, body: templateChanges, answers: { status: 200, description: 'The template.', schema: replyTemplate }, errors: { 400: '`invalid_input` (with `fields`), `unknown_service_area`.', ...missing('reply template') } });
  api.describe({ method: 'delete', path: '/api/admin/templates/{id}', tag: 'Handling', summary: 'Remove a reply template', description: 'Audited.', access: admin, changes: true, params: template, answers: { status: 204, description: 'Removed.' }, errors: missing('reply template') });

  api.describe({ method: 'get', path: '/api/admin/api-keys', tag: 'API keys', summary: 'Every API key', description: 'Live and revoked, oldest first: names, scopes, who made them and when, last use. Never a key or its hash.', access: admin, answers: { status: 200, description: 'The keys.', schema: z.object({ apiKeys: z.array(adminApiKey) }) } });
  api.describe({
    method: 'post',
    path: '/api/admin/api-keys',
    tag: 'API keys',
    summary: 'Create an API key',
    description: 'For a machine client, sent by it as `Authorization: Bearer KEY`. The key is in this answer only (`Cache-Control: no-store`); Suora keeps its hash. Audited by the key’s name.',
    access: admin,
    changes: true,
    body: apiKeyInput,
    answers: { status: 201, description: 'The key, once, and what the list shows of it.', schema: z.object({ key: z.string().meta({ description: '21 characters; shown only now.' }), apiKey: adminApiKey }) },
    errors: { 400: '`invalid_key_name`, `invalid_scope`, `invalid_input` (with `fields`).', 409: '`key_name_taken`: names are unique, revoked keys included, so that the audit log stays unambiguous.' },
  });
  api.describe({
    method: 'post',
    path: '/api/admin/api-keys/{id}/revoke',
    tag: 'API keys',
    summary: 'Revoke an API key',
    description: 'At once, on every server process: the next request with it is refused (401). Revoking a revoked key answers 200 and changes nothing (the first revocation’s time stays). Audited by the key’s name.',
    access: admin,
    changes: true,
    params: { id: 'The key’s id (its name works too).' },
    answers: { status: 200, description: 'Revoked.', schema: z.object({ id: z.string(), name: z.string(), revokedAt: z.string().meta({ format: 'date-time' }).nullable() }) },
    errors: { 404: '`unknown_api_key`.' },
  });
}
