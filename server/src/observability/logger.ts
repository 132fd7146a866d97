import { pino, type DestinationStream, type Logger } from 'pino';
import { logSafe } from './log-safe.js';

export type { Logger } from 'pino';

/** `SUORA_LOG_LEVEL`'s values, most to least said; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The server's log: one JSON object a line, on stdout unless `destination` is given (a
 * test's capture). A line says what happened by route patterns, ids and codes; an error
 * (`err`) goes through `logSafe`, so that a message quoting what someone typed does not
 * carry it into the log.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: logSafe },
    },
    destination,
  );
}

/** Writes nothing: for an app or mailer a caller gives no log (tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
