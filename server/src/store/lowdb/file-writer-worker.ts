import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { WriteReply, WriteRequest } from './file-writer.js';

// The writer thread: one write at a time, each whole before the next (see file-writer.ts).
parentPort!.on('message', ({ id, path, temporary, text }: WriteRequest) => {
  let reply: WriteReply = { id };
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    // A half-written temporary file would hold space on a full disk.
    try {
      unlinkSync(temporary);
    } catch {}
    const { code, message } = error as NodeJS.ErrnoException;
    reply = { id, error: { code: code ?? 'error', message } };
  }
  parentPort!.postMessage(reply);
});
