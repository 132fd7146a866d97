import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** Stops the server, keeping its data (a database outage). */
  pause(): Promise<void>;
  /** Starts it again on the same port and data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of its own for a test: a fresh cluster in a temporary directory on
 * a free port of 127.0.0.1, stopped and deleted by `stop()`. As root it runs as the
 * `postgres` user (PostgreSQL refuses root). Needs PostgreSQL's server programs: Debian's
 * `postgresql` package (`.ci/run` installs it). Its own time zone is UTC, as on many hosted
 * servers: the city's days and weeks must come from SUORA_TIME_ZONE, never from the database.
 */
export async function startPostgres(): Promise<ThrowawayPostgres> {
  const bin = await findBin();
  const dir = await mkdtemp(path.join(tmpdir(), 'suora-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout), Number(gid));
  }
  const sh = (command: string) =>
    asRoot ? run('su', ['postgres', '-s', '/bin/sh', '-c', command]) : run('/bin/sh', ['-c', command]);
  const port = await freePort();
  await sh(`${bin}/initdb -D ${data} -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null`);
  const start = () =>
    sh(`${bin}/pg_ctl -D ${data} -l ${dir}/log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c timezone=UTC" start >/dev/null`);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async pause() {
      await sh(`${bin}/pg_ctl -D ${data} -m fast -w stop >/dev/null`);
    },
    async resume() {
      await start();
    },
    async stop() {
      await sh(`${bin}/pg_ctl -D ${data} -m fast -w stop >/dev/null`).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function findBin(): Promise<string> {
  const versions = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return `/usr/lib/postgresql/${newest}/bin`;
  throw new Error('PostgreSQL is not installed: the PostgreSQL tests need it (Debian: apt-get install postgresql).');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs PostgreSQL's own `psql` on the database at `url`, stopping at the first error (as a restore of a plain `pg_dump` should). */
export async function psql(url: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(`${await findBin()}/psql`, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...args], { maxBuffer: 64 << 20 });
  return stdout;
}

/** `pg_dump` of the database at `url` in plain SQL, as an operator backs PostgreSQL up. */
export async function pgDump(url: string): Promise<string> {
  const { stdout } = await run(`${await findBin()}/pg_dump`, ['--no-owner', '--no-privileges', url], { maxBuffer: 64 << 20 });
  return stdout;
}

/** A new empty database NAME in the cluster at `url`; its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  await psql(url, '-c', `CREATE DATABASE ${name}`);
  return url.replace(/\/[^/]*$/, `/${name}`);
}
