import type { AuditEntryView, Locale } from '../../../contract/api.js';
import { AUDIT_ACTIONS, readAuditDetail, type AuditAction } from '../../../contract/audit-detail.js';
import { plural } from '../shared/format.js';
import type { DashboardTranslation } from './locales/index.js';

/**
 * Who did it: an official by name, a machine client by its API key's name, else the server
 * or the command line.
 */
export function auditActor(entry: AuditEntryView, t: DashboardTranslation, name: (id: string) => string): string {
  if (entry.actorId) return name(entry.actorId);
  const d = readAuditDetail(entry.detail);
  return d.apiKey && !d.commandLine ? t.auditNames.apiKey.replace('{name}', d.apiKey) : t.system;
}

/**
 * What the entry acted on, by name; a key since gone by the name the entry recorded, else "(removed)".
 */
export function auditTarget(entry: AuditEntryView, t: DashboardTranslation, names: ReadonlyMap<string, string>): string {
  if (!entry.targetId) return '';
  const apiKey = readAuditDetail(entry.detail).apiKey;
  return names.get(entry.targetId) ?? (entry.action.startsWith('api-key') && apiKey ? t.auditNames.apiKey.replace('{name}', apiKey) : t.auditNames.removed);
}

/**
 * An audit entry's action and detail in the reader's words ("Tila muutettu (Käsittelyssä)"),
 * never the stored codes; `name` gives an official's name for an id.
 */
export function auditEntryText(entry: AuditEntryView, t: DashboardTranslation, locale: Locale, name: (id: string) => string): string {
  const action = (AUDIT_ACTIONS as readonly string[]).includes(entry.action) ? t.auditActions[entry.action as AuditAction] : entry.action;
  const words = detailWords(entry.detail, t, locale, name);
  return words.length ? `${action} (${words.join(', ')})` : action;
}

function detailWords(stored: string | null, t: DashboardTranslation, locale: Locale, name: (id: string) => string): string[] {
  const d = readAuditDetail(stored);
  const w = t.auditDetail;
  const words: string[] = [];
  if (d.by) words.push(w.by[d.by]);
  if (d.count !== undefined) words.push(plural(locale, d.count, t.count));
  if (d.days !== undefined) words.push(plural(locale, d.days, w.days));
  if (d.fields?.length) words.push(w.fields.replace('{fields}', d.fields.map((f) => w.fieldNames[f] ?? f).join(', ')));
  if (d.role) words.push(typeof d.role === 'string' ? t.roles[d.role] : `${t.roles[d.role.from]} → ${t.roles[d.role.to]}`);
  if (d.status) words.push(t.statuses[d.status]);
  if (d.successor) words.push(w.successor.replace('{name}', name(d.successor)));
  if (d.from) words.push(w.from.replace('{name}', name(d.from)));
  if (d.topic) words.push(w.topic.replace('{topic}', name(d.topic)));
  if (d.deputy) words.push(w.deputy.replace('{name}', name(d.deputy)));
  if (d.replaces) words.push(w.replaces.replace('{name}', name(d.replaces)));
  if (d.format) words.push(d.format === 'XLSX' ? w.xlsx : w.csv);
  if (d.redacted?.length) words.push(w.redacted.replace('{what}', d.redacted.map((r) => w.redactedParts[r]).join(', ')));
  if (d.cause) words.push(w.causes[d.cause]);
  if (d.via) words.push(w.via[d.via]);
  if (d.apiKey) words.push(w.apiKey.replace('{name}', d.apiKey));
  if (d.quiet) words.push(w.quiet);
  if (d.commandLine) words.push(w.commandLine);
  return words;
}
