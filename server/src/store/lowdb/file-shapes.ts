import { z } from 'zod';
import {
  auditEntryShape,
  deputyshipShape,
  feedbackEventShape,
  feedbackShape,
  loginKeyShape,
  officialShape,
  replyTemplateShape,
  serviceAreaShape,
  sessionShape,
  signatureLinkShape,
  topicShape,
} from '../../domain/model-shapes.js';

/**
 * The shapes of the lowdb store's files (the facts caches check their own: see facts-file.ts).
 * Ids are unique within each list: a second record of an id would be found by some reads
 * and missed by others.
 */
export const directoryFileShape = z
  .object({
    serviceAreas: z.array(serviceAreaShape),
    topics: z.array(topicShape),
    officials: z.array(officialShape),
    /** Absent in files written before signature links existed. */
    signatureLinks: z.array(signatureLinkShape).optional(),
    /** Absent in files written before deputies and reply templates existed. */
    deputyships: z.array(deputyshipShape).optional(),
    replyTemplates: z.array(replyTemplateShape).optional(),
    feedbackFormat: z.number().int().optional(),
  })
  .superRefine((file, context) => {
    for (const list of ['serviceAreas', 'topics', 'officials', 'signatureLinks', 'deputyships', 'replyTemplates'] as const) unique<'id'>(file[list] ?? [], list, 'id', context);
    unique(file.signatureLinks ?? [], 'signatureLinks', 'token', context);
  });

export const sessionsFileShape = z.object({ loginKeys: z.array(loginKeyShape), sessions: z.array(sessionShape) });

/**
 * A feedback segment, and the single feedback.json of older data directories. `removed`:
 * how many items were deleted from the segment (erasure), so that its items and its removed
 * ones always add up to what it held (see FeedbackSegments); absent, none. `rev`: the
 * version's revision (see segment.ts), absent in files of older versions.
 */
export const segmentFileShape = z
  .object({
    rev: z.string().optional(),
    feedback: z.array(feedbackShape),
    removed: z.number().int().min(0).optional(),
    events: z.record(z.string(), z.array(feedbackEventShape)).optional(),
  })
  .superRefine((file, context) => unique(file.feedback, 'feedback', 'id', context));

/** An audit file, and the single audit.json of older data directories. */
export const auditFileShape = z.object({ entries: z.array(auditEntryShape) });

/** Refuses a second record with the same KEY in LIST, pointing at it and at the first. */
function unique<K extends string>(records: readonly Record<K, string>[], list: string, key: K, context: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const first = seen.get(record[key]);
    if (first === undefined) seen.set(record[key], index);
    else context.addIssue({ code: 'custom', path: [list, index, key], message: `the ${key} "${record[key]}" is also that of ${list}[${first}]` });
  });
}

/** A file of the data directory that does not parse, is not of its shape, or is missing: start-up stops, and nothing is written. */
export class DamagedFileError extends Error {
  /** REMEDY: what to do, when the default (restore it, or move it out) is not it. */
  constructor(filePath: string, problem: string, remedy?: string) {
    super(
      `${filePath} is damaged: ${problem}. Suora stopped and changed nothing. ` +
        (remedy ??
          'Restore the file from your latest backup (`suora backup DIR` makes one), ' +
            'or move it out of the data directory if you mean to go on without what it holds.'),
    );
    this.name = 'DamagedFileError';
  }
}

/** The file's data, if it has the shape; else throws DamagedFileError saying where it does not (and which item). */
export function checkShape<T>(filePath: string, shape: z.ZodType, data: unknown): T {
  const checked = shape.safeParse(data);
  if (checked.success) return data as T; // as read: fields beyond the shape are kept
  const issue = checked.error.issues[0]!;
  throw new DamagedFileError(filePath, `${where(data, issue.path)}: ${issue.message}`);
}

/** `feedback[17] (id "abc").createdAt`, or `the file` for the top level. */
function where(data: unknown, at: readonly PropertyKey[]): string {
  if (at.length === 0) return 'the file';
  let text = '';
  let value = data;
  for (const key of at) {
    text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    const id = typeof key === 'number' && value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
    if (typeof id === 'string') text += ` (id "${id}")`;
  }
  return text;
}
