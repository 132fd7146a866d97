import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface WriteRequest {
  id: number;
  path: string;
  temporary: string;
  text: string;
}

export interface WriteReply {
  id: number;
  error?: { code: string; message: string };
}

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 0;

/**
 * Writes `text` to `filePath` atomically and durably: to a temporary file, fsynced, renamed
 * over the old one (a crash leaves the old file or the new, never half of one). The work is
 * done by one writer thread: done here, each of its five steps would wait for its turn on
 * an event loop busy with requests, and a commit would take many times its disk time.
 */
export function writeAtomically(filePath: string, text: string): Promise<void> {
  const temporary = temporaryPath(filePath);
  worker ??= startWorker();
  // The thread keeps the process alive only while a write is in flight.
  if (pending.size === 0) worker.ref();
  const id = nextId++;
  const done = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
  worker.postMessage({ id, path: filePath, temporary, text } satisfies WriteRequest);
  return done;
}

/** Where a file is written before it is renamed into place: `.name.PID.tmp` beside it. */
export function temporaryPath(filePath: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.tmp`);
}

/** A write cut short by a crash leaves its temporary file (the file itself is whole): removed at start-up. */
export async function removeTemporaryFiles(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.filter((n) => n.endsWith('.tmp')).map((n) => rm(path.join(dir, n), { force: true })));
}

function startWorker(): Worker {
  const started = new Worker(new URL('./file-writer-worker.js', import.meta.url));
  started.unref();
  started.on('message', ({ id, error }: WriteReply) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) started.unref();
    if (error) waiter?.reject(Object.assign(new Error(error.message), { code: error.code }));
    else waiter?.resolve();
  });
  const failAll = (cause: unknown) => {
    worker = undefined;
    for (const waiter of pending.values()) waiter.reject(Object.assign(new Error(`The file writer stopped: ${String(cause)}`), { code: 'EWRITER' }));
    pending.clear();
  };
  started.on('error', failAll);
  started.on('exit', (code) => failAll(`exit code ${code}`));
  return started;
}
