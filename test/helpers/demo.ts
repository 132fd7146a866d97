import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { printedUrls } from './server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

/** What `suora demo --json` prints. */
export interface DemoUrls {
  server: string;
  publicPage: string;
  demoPage: string;
  demoMessages: string;
  signIn: { official: string; manager: string; decisionMaker: string; admin: string };
}

export interface RunningDemo {
  urls: DemoUrls;
  /** `suora export --json` on the demo's data, beside the running server. */
  exported(): Promise<any[]>;
  stop(): Promise<void>;
}

/** `suora demo` as a person starts it, on a free port and a fresh data directory. */
export async function startDemo(env: Record<string, string> = {}): Promise<RunningDemo> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'suora-e2e-'));
  const demo = spawn(process.execPath, [BIN, 'demo', '--json'], {
    env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls = await printedUrls<DemoUrls>(demo.stdout!);
  return {
    urls,
    async exported() {
      const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'export', '--json'], {
        env: { ...process.env, SUORA_DATA_DIR: dataDir },
      });
      return JSON.parse(stdout);
    },
    async stop() {
      demo.kill('SIGTERM');
      await new Promise((resolve) => demo.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
