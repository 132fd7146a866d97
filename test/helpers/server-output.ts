import type { Readable } from 'node:stream';

/**
 * The addresses `suora start --json` (or `demo --json`) prints on stdout, found among the
 * server's log lines (JSON too, each with a `level`). Reading goes on after them, so the
 * server never waits on a full pipe; every line read is also pushed to `log`, if given.
 * Rejects if the output ends first (the server did not start).
 */
export function printedUrls<T = { server: string }>(stdout: Readable, log?: string[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let buffered = '';
    let found = false;
    stdout.on('data', (chunk) => {
      buffered += String(chunk);
      let end;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        log?.push(line);
        if (found) continue;
        const printed = parsed(line);
        if (printed && !('level' in printed)) {
          found = true;
          resolve(printed as T);
        }
      }
    });
    stdout.once('end', () => found || reject(new Error(`the server printed no addresses${buffered ? `: ${buffered}` : ''}`)));
  });
}

function parsed(line: string): object | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
