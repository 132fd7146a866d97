import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { printedUrls } from './server-output.js';

export const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

/** `suora start` as an operator runs it: its own process, configured by `env` alone. */
export interface SuoraProcess {
  url: string;
  /** SIGTERM, as systemd stops it; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** Starts `suora start --json` on a free port; rejects with its stderr if it exits instead. */
export async function startSuora(env: Record<string, string>): Promise<SuoraProcess> {
  const child = spawn(process.execPath, [BIN, 'start', '--json'], {
    env: { ...process.env, PORT: '0', SUORA_RATE_LIMIT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const printed = await Promise.race([
    printedUrls(child.stdout),
    new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`suora start exited with ${code}: ${stderr}`)))),
  ]);
  return {
    url: printed.server,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a `suora` command with `env`; resolves with its stdout, rejects when it fails. */
export async function suoraCommand(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
  return stdout;
}

/** Signs in at `url` with the sign-in link that `suora login-link` printed; returns the Cookie header. */
export async function signInWithLink(url: string, loginLink: string): Promise<string> {
  const response = await fetch(`${url}${new URL(loginLink).pathname}`, { method: 'POST', headers: { Origin: url }, redirect: 'manual' });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** A request as Suora's own pages make it (with the session `cookie`, if any); the answer parsed. */
export async function request(
  url: string,
  method: string,
  route: string,
  { cookie, body }: { cookie?: string; body?: unknown } = {},
): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { Origin: url, ...(cookie && { Cookie: cookie }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}
