import { rm } from 'node:fs/promises';
import path from 'node:path';
import { checkFeedbackTime } from '../../domain/feedback-record.js';
import { segmentFileShape } from './file-shapes.js';
import { GroupCommitFile } from './group-commit-file.js';
import type { SegmentFile } from './segment.js';

/** An older data directory's single feedback.json, read and checked, waiting to be converted. */
export interface OlderFeedbackFile {
  file: string;
  adapter: GroupCommitFile<SegmentFile>;
  data: SegmentFile;
}

/**
 * Data directories from before segments kept all feedback in one feedback.json: read and
 * checked at open (an item whose time cannot be read stops start-up, the file named: it
 * could not be found by age), and taken in by FeedbackSegments.takeOlderFile once every
 * other file was read too. Once its items are in segments the file is removed: a copy kept
 * beside them would escape erasure and the retention purge.
 */
export async function readOlderFeedbackFile(dataDir: string, readOnly: boolean): Promise<OlderFeedbackFile | undefined> {
  const file = path.join(dataDir, 'feedback.json');
  // Earlier versions renamed the converted file and kept it: gone now, for the same reason.
  if (!readOnly) await rm(`${file}.imported`, { force: true });
  const adapter = new GroupCommitFile<SegmentFile>(file, { shape: segmentFileShape });
  const data = await adapter.read();
  if (!data) return undefined;
  for (const item of data.feedback) checkFeedbackTime(item, file);
  return { file, adapter, data };
}
