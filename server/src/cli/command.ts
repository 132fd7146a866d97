import type { ParseArgsConfig } from 'node:util';
import { readConfig } from '../config.js';
import type { Actor } from '../domain/audit.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../domain/store-port.js';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

/** What a command prints: `text` for people, `json` with `--json`. */
export interface Output {
  text: string;
  json: unknown;
}

export interface Command {
  usage: string;
  options: Options;
  /** How many positional arguments it takes (default none). */
  positionals?: number;
  run(values: Values, positionals: string[]): Promise<Output | void>;
}

/** A wrong or missing option: the runner prints the message and the command's usage, and exits with 1. */
export class UsageError extends Error {}

/** The operator at the console: trusted, audited with no actor id, and the detail says "command line". */
export const CLI: Actor = 'command line';

/** The string value of `--name`; a UsageError when it is missing or blank. */
export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Missing --${name}.`);
  return value;
}

/** The server's public base URL, as people reach it (SUORA_PUBLIC_URL, else localhost and PORT). */
export function publicUrl(): string {
  const config = readConfig();
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** Runs `work` on the configured store and closes it, also when `work` throws. */
export async function withStore(work: (store: Store) => Promise<Output>): Promise<Output> {
  const store = await openStore(readConfig());
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
