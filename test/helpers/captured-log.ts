import { createLogger, type LogLevel } from '../../server/src/observability/logger.js';

/** A server log whose lines stay in memory, from `level` up, for a test to read. */
export function capturedLog(level: LogLevel = 'debug') {
  const written: string[] = [];
  return {
    log: createLogger(level, { write: (line: string) => void written.push(line) }),
    text: () => written.join(''),
    lines: () => written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>),
  };
}
