import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { GroupCommitFile } from './group-commit-file.js';

/** An older data directory's single file (feedback.json, audit.json), read and checked, waiting to be converted. */
export interface OlderFile<T> {
  file: string;
  adapter: GroupCommitFile<T>;
  data: T;
}

/**
 * Data directories from before segments kept all feedback in one feedback.json, and the
 * whole audit log in one audit.json: `name` is read and checked against `shape` at open,
 * and converted by its store once every other file was read too, then removed: a copy
 * kept beside the converted data would escape erasure and the retention purge. Earlier
 * versions renamed a converted file to `NAME.imported` and kept it: gone now, for the
 * same reason. Undefined when there is no such file.
 */
export async function readOlderFile<T>(dataDir: string, name: string, shape: z.ZodType, readOnly: boolean): Promise<OlderFile<T> | undefined> {
  const file = path.join(dataDir, name);
  if (!readOnly) await rm(`${file}.imported`, { force: true });
  const adapter = new GroupCommitFile<T>(file, { shape });
  const data = await adapter.read();
  return data ? { file, adapter, data } : undefined;
}
