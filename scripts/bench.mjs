// npm run bench [-- --full] [-- --seconds=N] [-- --runs=N]
// Measures Suora on this machine and prints a table (and writes bench-results.json):
// submissions under load against a bare Express baseline, start-up time and memory at
// 1k and 100k stored items (1M with --full; the first start, a later one, and the first after
// a `suora backup` copied elsewhere), the scores, inbox and statistics (12 months) reads
// (PostgreSQL also at 100k, 1M and 5M with --full, each with its ratio to 100k), the same
// submissions on PostgreSQL with one and two server processes, the widget's weight, and what
// a view of the demo city page costs (layout shift, requests, bytes; scripts/bench-page-view.mjs).
// Each measurement is made --runs times (3 with --full, else 1), each time in a freshly
// started server, and printed as its median with the lowest and highest in brackets.
// Everything it starts (servers, a throwaway PostgreSQL, data directories) it stops and removes.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { COUNCIL_LOGIN_KEY, LOGIN_KEY, seedPostgres, seedPostgresFeedback, writeDataDir } from './bench-data.mjs';
import { measurePageViews, printPageViews } from './bench-page-view.mjs';
import { pageLoad } from './widget-files.mjs';
import { printedUrls } from '../dist/test/helpers/server-output.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin/suora.js');
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SECONDS = Number(option('seconds') ?? 10);
const FULL = process.argv.includes('--full');
const RUNS = Number(option('runs') ?? (FULL ? 3 : 1));
const SIZES = [1_000, 100_000, ...(FULL ? [1_000_000] : [])];
const PG_SIZES = [100_000, ...(FULL ? [1_000_000, 5_000_000] : [])];
/** The statistics read: twelve months of the data's two years. */
const STATS_RANGE = 'from=2025-11-01&to=2026-10-31';
const BODY = JSON.stringify({ topic: 't1', rating: 4, comment: 'Benchmark: palvelu oli nopeaa ja ystävällistä.' });

const started = [];
const cleanups = [];

async function main() {
  const rows = [];
  const baseRuns = await repeat(async () => {
    const baseline = await startProcess(process.execPath, [path.join(ROOT, 'scripts/bench-baseline.mjs')], {});
    const result = await load([baseline.url]);
    await baseline.stop();
    return result;
  });
  const base = summary(baseRuns);
  rows.push({ name: 'bare Express 5 POST → 201', ...base, ratio: 1 });

  for (const size of SIZES) {
    const dir = await temporaryDir();
    await writeDataDir(dir, size);
    // The first start reads every segment and writes its facts cache (a directory written by
    // other means, or by a version without caches); later starts read the caches.
    const first = await startSuora({ SUORA_DATA_DIR: dir });
    await first.stop();
    const sessions = {};
    const runs = await repeat(async () => {
      const server = await startSuora({ SUORA_DATA_DIR: dir });
      const queries = await measureQueries(server.url, sessions);
      const result = await load([server.url]);
      const rssAfter = await rss(server.pid);
      await server.stop();
      return { ...result, ratio: result.rps / base.rps, startupMs: server.startupMs, rssMb: Math.max(server.rssMb, rssAfter), ...queries };
    });
    const restoreRuns = await repeat(() => restoredStart(dir));
    rows.push({ name: `Suora, lowdb, ${size.toLocaleString('en')} stored`, ...summary(runs), firstStartMs: first.startupMs, ...summary(restoreRuns) });
    await rm(dir, { recursive: true, force: true });
  }

  const { startPostgres } = await import(path.join(ROOT, 'dist/test/helpers/postgres.js'));
  const database = await startPostgres();
  cleanups.push(() => database.stop());
  await seedPostgres(database.url, 1_000);
  const sessions = {};
  const oneRuns = [];
  const twoRuns = await repeat(async () => {
    const one = await startSuora({ DATABASE_URL: database.url });
    const queries = await measureQueries(one.url, sessions);
    const pgOne = await load([one.url]);
    oneRuns.push({ ...pgOne, ratio: pgOne.rps / base.rps, startupMs: one.startupMs, rssMb: one.rssMb, ...queries });
    const two = await startSuora({ DATABASE_URL: database.url });
    const pgTwo = await load([one.url, two.url]);
    await one.stop();
    await two.stop();
    return { ...pgTwo, ratio: pgTwo.rps / base.rps, vsOne: pgTwo.rps / pgOne.rps };
  });
  rows.push({ name: 'Suora, PostgreSQL, 1 process', ...summary(oneRuns) });
  rows.push({ name: 'Suora, PostgreSQL, 2 processes', ...summary(twoRuns) });
  // The dashboards' reads on PostgreSQL with more stored (no load: that run is above).
  let stored = 1_000;
  for (const size of PG_SIZES) {
    await seedPostgresFeedback(database.url, stored, size);
    stored = size;
    const runs = await repeat(async () => {
      const server = await startSuora({ DATABASE_URL: database.url });
      const queries = await measureQueries(server.url, sessions);
      await server.stop();
      return { startupMs: server.startupMs, ...queries };
    });
    rows.push({ name: `Suora, PostgreSQL, ${size.toLocaleString('en')} stored (reads only)`, ...summary(runs) });
  }

  const widgetGzipKb = pageLoad('suora.js').gzip / 1024;
  const pageViews = await measurePageViews();

  print(rows, base, widgetGzipKb);
  printPageViews(pageViews);
  await writeFile(
    'bench-results.json',
    JSON.stringify({ when: new Date().toISOString(), machine: machine(), seconds: SECONDS, runs: RUNS, rows, widgetGzipKb, pageViews, targets: targets(rows, base, widgetGzipKb) }, null, 2),
  );
  console.log('\nWritten to bench-results.json');
}

async function temporaryDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'suora-bench-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The first start after a restore, as the README says to make one: `suora backup`, copied into an empty directory (new files, new inodes and times). */
async function restoredStart(dir) {
  const backup = await temporaryDir();
  const restored = await temporaryDir();
  await promisify(execFile)(process.execPath, [BIN, 'backup', backup], { env: { ...process.env, SUORA_DATA_DIR: dir } });
  await cp(backup, restored, { recursive: true });
  await rm(backup, { recursive: true, force: true });
  const server = await startSuora({ SUORA_DATA_DIR: restored });
  await server.stop();
  await rm(restored, { recursive: true, force: true });
  return { restoredStartMs: server.startupMs, restoredRssMb: server.rssMb };
}

/** `measure` made RUNS times, one after the other. */
async function repeat(measure) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure());
  return runs;
}

/** Each figure of the runs as its median, with `<name>Range` [lowest, highest] beside it. */
function summary(runs) {
  const result = { runs };
  for (const key of Object.keys(runs[0])) {
    const values = runs.map((r) => r[key]).sort((a, b) => a - b);
    result[key] = values.length % 2 ? values[(values.length - 1) / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    result[`${key}Range`] = [values[0], values.at(-1)];
  }
  return result;
}

/** 50 connections for SECONDS against each URL at once; req/s summed, latencies of the worst. */
async function load(urls) {
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url: `${url}/api/feedback`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
        connections: 50,
        duration: SECONDS,
      }),
    ),
  );
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    max: Math.max(...results.map((r) => r.latency.max)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}

/**
 * p50 and p95 of 200 sequential scores and inbox reads by a signed-in official, and of 20
 * statistics reads by a decision-maker. `sessions`: the cookies of one store's earlier runs
 * (a login key works once; a session outlives a restart).
 */
async function measureQueries(url, sessions) {
  const signIn = async (key) => {
    const response = await fetch(`${url}/login/${key}`, { method: 'POST', headers: { Origin: url }, redirect: 'manual' });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`benchmark sign-in failed: ${response.status}`);
    return cookie;
  };
  const official = (sessions.official ??= await signIn(LOGIN_KEY));
  const council = (sessions.council ??= await signIn(COUNCIL_LOGIN_KEY));
  const time = async (pathname, cookie = official, runs = 200) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const response = await fetch(`${url}${pathname}`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${pathname}: ${response.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return [times[Math.floor(runs * 0.5) - 1], times[Math.floor(runs * 0.95) - 1]];
  };
  const [scoresP50, scoresP95] = await time('/api/me/scores');
  const [inboxP50, inboxP95] = await time('/api/me/feedback?status=new&from=2020-01-01');
  const [statsP50, statsP95] = await time(`/api/stats?period=month&${STATS_RANGE}`, council, 20);
  return { scoresP50, scoresP95, inboxP50, inboxP95, statsP50, statsP95 };
}

async function startSuora(env) {
  // Retention past the data's two years: the first purge after a start (a minute in) would
  // otherwise rewrite a quarter of the items in the middle of the measurements.
  return startProcess(process.execPath, [BIN, 'start', '--json'], { PORT: '0', SUORA_RATE_LIMIT: 'off', SUORA_RETENTION_DAYS: '3650', ...env });
}

async function startProcess(command, args, env) {
  const t = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  const printed = await printedUrls(child.stdout); // rejects if it exits first
  const startupMs = performance.now() - t;
  return {
    url: printed.server.replace('localhost', '127.0.0.1'),
    pid: child.pid,
    startupMs,
    rssMb: await rss(child.pid),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

async function rss(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

function machine() {
  return `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function print(rows, base, widgetGzipKb) {
  /** The median, and with more than one run its lowest and highest: `24.0 (22.1–25.3)`. */
  const f = (r, key, d = 0) => {
    if (r[key] === undefined) return '';
    const range = r[`${key}Range`];
    return range && RUNS > 1 ? `${r[key].toFixed(d)} (${range[0].toFixed(d)}–${range[1].toFixed(d)})` : r[key].toFixed(d);
  };
  console.log(`\nSuora benchmark — ${machine()}; autocannon, 50 connections, ${SECONDS} s per run; ${RUNS === 1 ? 'one run' : `median of ${RUNS} runs (lowest–highest)`}\n`);
  console.log('| run | req/s | × baseline | p50 ms | p99 ms | max ms | errors | start-up ms | first start ms | after a restore ms | RSS MB | scores p50 / p95 ms | inbox p50 / p95 ms | statistics p50 / p95 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const reads = (a, b) => (r[a] === undefined ? '' : `${f(r, a, 1)} / ${f(r, b, 1)}`);
    console.log(
      `| ${r.name} | ${f(r, 'rps')} | ${f(r, 'ratio', 2)}${r.vsOne ? ` (${f(r, 'vsOne', 2)}× one)` : ''} | ${f(r, 'p50')} | ${f(r, 'p99')} | ${f(r, 'max')} | ${f(r, 'non2xx')} | ${f(r, 'startupMs')} | ${f(r, 'firstStartMs')} | ${f(r, 'restoredStartMs')} | ${f(r, 'rssMb')} | ${reads('scoresP50', 'scoresP95')} | ${reads('inboxP50', 'inboxP95')} | ${reads('statsP50', 'statsP95')} |`,
    );
  }
  console.log('\nEach read against its 100k figure (p95 medians; target 1M / 100k ≤ 1.5):');
  for (const r of ratios(rows)) console.log(`  ${r.name}: scores ${r.scores.toFixed(2)}×, inbox ${r.inbox.toFixed(2)}×, statistics ${r.stats.toFixed(2)}×`);
  console.log(`\n/suora.js with its chunks: ${widgetGzipKb.toFixed(1)} KB gzip`);
  console.log(`Baseline p99 ${base.p99} ms.`);
  console.log('\nTargets (issues #5 and #20; medians):');
  for (const t of targets(rows, base, widgetGzipKb)) console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.what}: ${t.measured} (target ${t.target})`);
}

/** The p95 of each read at 1M (and 5M) against the same store's at 100k. */
function ratios(rows) {
  const list = [];
  for (const [store, base] of [['lowdb', 'Suora, lowdb, 100,000 stored'], ['PostgreSQL', 'Suora, PostgreSQL, 100,000 stored']]) {
    const hundred = rows.find((r) => r.name.startsWith(base));
    for (const r of rows.filter((r) => r.name.startsWith(`Suora, ${store}, `) && /(1,000,000|5,000,000) stored/.test(r.name))) {
      list.push({ name: r.name, scores: r.scoresP95 / hundred.scoresP95, inbox: r.inboxP95 / hundred.inboxP95, stats: r.statsP95 / hundred.statsP95 });
    }
  }
  return list;
}

/** Each target of the scale issues, with what this run measured; a target whose run was not made (1M without --full) is left out. */
function targets(rows, base, widgetGzipKb) {
  const row = (prefix) => rows.find((r) => r.name.startsWith(prefix));
  const k1 = row('Suora, lowdb, 1,000 ');
  const k100 = row('Suora, lowdb, 100,000');
  const m1 = row('Suora, lowdb, 1,000,000');
  const pg1 = row('Suora, PostgreSQL, 1');
  const pg2 = row('Suora, PostgreSQL, 2');
  const list = [
    { what: 'lowdb 100k, submissions vs baseline', measured: `${k100.ratio.toFixed(2)}×`, target: '≥ 0.5×', met: k100.ratio >= 0.5 },
    { what: 'lowdb 100k, p99', measured: `${k100.p99} ms`, target: `≤ 2× baseline p99 = ${2 * base.p99} ms`, met: k100.p99 <= 2 * base.p99 },
    { what: 'lowdb 100k, slowest request', measured: `${k100.max} ms`, target: '≤ 1000 ms', met: k100.max <= 1000 },
  ];
  if (m1) {
    list.push(
      { what: 'lowdb 1M, submissions vs 1k', measured: `${(m1.rps / k1.rps).toFixed(2)}×`, target: '≥ 0.8×', met: m1.rps / k1.rps >= 0.8 },
      { what: 'lowdb 1M, start-up', measured: `${(m1.startupMs / 1000).toFixed(1)} s`, target: '≤ 3 s', met: m1.startupMs <= 3000 },
      { what: 'lowdb 1M, first start after a restore', measured: `${(m1.restoredStartMs / 1000).toFixed(1)} s`, target: '≤ 3 s', met: m1.restoredStartMs <= 3000 },
      { what: 'lowdb 1M, resident memory', measured: `${Math.max(m1.rssMb, m1.restoredRssMb).toFixed(0)} MB`, target: '≤ 1024 MB', met: Math.max(m1.rssMb, m1.restoredRssMb) <= 1024 },
    );
  }
  // Issue #20: every dashboard read at 1M within 50 ms at p95, and at most 1.5× its 100k figure.
  for (const r of rows.filter((r) => /1,000,000 stored/.test(r.name))) {
    for (const [read, key] of [['scores', 'scoresP95'], ['inbox', 'inboxP95'], ['statistics', 'statsP95']]) {
      list.push({ what: `${r.name}, ${read} p95`, measured: `${r[key].toFixed(1)} ms`, target: '≤ 50 ms', met: r[key] <= 50 });
    }
  }
  for (const r of ratios(rows).filter((r) => /1,000,000/.test(r.name))) {
    for (const read of ['scores', 'inbox', 'stats']) list.push({ what: `${r.name}, ${read} p95 vs 100k`, measured: `${r[read].toFixed(2)}×`, target: '≤ 1.5×', met: r[read] <= 1.5 });
  }
  list.push(
    { what: 'PostgreSQL, one process vs baseline', measured: `${pg1.ratio.toFixed(2)}×`, target: '≥ 0.4×', met: pg1.ratio >= 0.4 },
    { what: 'PostgreSQL, two processes vs one', measured: `${pg2.vsOne.toFixed(2)}×`, target: '≥ 1.5×', met: pg2.vsOne >= 1.5 },
    // Issue #5 asked for 12 KB; the README says why the budget is 16 KB with three languages inside.
    { what: '/suora.js gzip', measured: `${widgetGzipKb.toFixed(1)} KB`, target: '≤ 16 KB (the budget; #5 asked 12 KB)', met: widgetGzipKb <= 16 },
  );
  return list;
}

try {
  await main();
} finally {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
