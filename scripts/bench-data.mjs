// The benchmark's city and its feedback (scripts/bench.mjs): 50 officials in 5 areas, and
// items spread evenly over two years, written as lowdb writes its segments or straight into
// PostgreSQL.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const OFFICIALS = 50;
const SEGMENT_SIZE = 250;
/** An official's (o2) and a decision-maker's login keys. */
export const LOGIN_KEY = 'benchmarkbenchmarkbenc';
export const COUNCIL_LOGIN_KEY = 'benchmarkcouncilbenchm';

const hash = (s) => createHash('sha256').update(s).digest('hex');

export function directory() {
  const name = (s) => ({ fi: s, sv: s, en: s });
  const officials = Array.from({ length: OFFICIALS }, (_, i) => ({
    id: `o${i}`,
    name: `Official ${i}`,
    title: '',
    email: `o${i}@example.fi`,
    serviceAreaId: `a${i % 5}`,
    role: i === OFFICIALS - 1 ? 'decision-maker' : 'official',
    active: true,
    locale: 'fi',
  }));
  return {
    serviceAreas: Array.from({ length: 5 }, (_, i) => ({ id: `a${i}`, name: name(`Area ${i}`), officialId: `o${i}`, retired: false })),
    topics: Array.from({ length: 20 }, (_, i) => ({ id: `t${i}`, name: name(`Topic ${i}`), serviceAreaId: `a${i % 5}`, officialId: `o${i % OFFICIALS}`, forBusinesses: i === 0, retired: false, targetDays: 5 })),
    officials,
    signatureLinks: officials.map((o, i) => ({ id: `l${i}`, token: `token${String(i).padStart(16, '0')}`, officialId: o.id, serviceAreaId: o.serviceAreaId, channel: 'email', createdAt: '2025-01-01T00:00:00.000Z', revokedAt: null })),
  };
}

/** Feedback item n of `size`, spread over two years and 50 officials, in time order. */
export function item(n, size) {
  const createdAt = new Date(Date.UTC(2024, 10, 1) + Math.floor((n * 2 * 365 * 86_400_000) / size)).toISOString();
  const official = n % OFFICIALS;
  const viaLink = n % 3 === 0;
  return {
    id: `B${String(n).padStart(9, '0')}`,
    createdAt,
    channel: viaLink ? 'email' : 'widget',
    topicId: viaLink ? null : `t${official % 20}`,
    serviceAreaId: `a${official % 5}`,
    officialId: `o${official}`,
    linkId: viaLink ? `l${official}` : null,
    ref: viaLink && n % 7 === 0 ? `CASE-${n % 500}` : null,
    rating: (n % 5) + 1,
    comment: n % 2 ? 'Palvelu oli nopeaa ja ystävällistä, kiitos. Toivoisin silti selkeämpiä ohjeita verkkosivuille.' : null,
    public: n % 4 === 0,
    contact: n % 10 === 0 ? { name: 'Matti Meikäläinen', email: 'matti@example.com' } : null,
    wantsReply: false,
    pageUrl: viaLink ? null : 'https://www.lahti.fi/yrityspalvelut/',
    locale: 'fi',
    status: n % 3 ? 'answered' : 'new',
    reply: null,
    published: n % 8 === 0,
    editKeyHash: hash(String(n)),
    editableUntil: createdAt,
  };
}

/** A lowdb data directory with `size` items, written as the store writes it. */
export async function writeDataDir(dir, size) {
  await writeFile(path.join(dir, 'directory.json'), JSON.stringify(directory()));
  await writeFile(
    path.join(dir, 'sessions.json'),
    JSON.stringify({ loginKeys: loginKeys(), sessions: [] }),
  );
  await mkdir(path.join(dir, 'feedback'));
  for (let start = 0, segment = 1; start < size; start += SEGMENT_SIZE, segment++) {
    const items = [];
    for (let n = start; n < Math.min(size, start + SEGMENT_SIZE); n++) items.push(item(n, size));
    // Each with a revision, as the store writes them (segment.ts): a copy of it is known by it.
    const segmentFile = { rev: createHash('sha256').update(`${size}/${segment}`).digest('base64url').slice(0, 12), feedback: items };
    await writeFile(path.join(dir, 'feedback', `${String(segment).padStart(6, '0')}.json`), JSON.stringify(segmentFile));
  }
}

/** The directory, the login keys and `size` items. */
export async function seedPostgres(url, size) {
  const store = await openPostgresStore(url);
  const d = directory();
  for (const a of d.serviceAreas) await store.saveServiceArea(a);
  for (const o of d.officials) await store.saveOfficial(o);
  for (const t of d.topics) await store.saveTopic(t);
  for (const l of d.signatureLinks) await store.saveLink(l);
  for (const key of loginKeys()) await store.saveLoginKey(key);
  await store.close();
  await seedPostgresFeedback(url, 0, size);
}

/**
 * Adds items `from`…`size` (of a spread of `size`) straight into the table, 2,000 rows a
 * statement, two statements in flight (the store's own path, one batcher of 100, takes an
 * hour for 5M); the aggregates' triggers count them as they would any batch insert.
 */
export async function seedPostgresFeedback(url, from, size) {
  const { FEEDBACK_COLUMNS, FEEDBACK_COLUMN_COUNT, feedbackValues } = await import(path.join(ROOT, 'dist/server/src/store/postgres/rows.js'));
  const store = await openPostgresStore(url);
  const ROWS = 2_000;
  const insert = async (start) => {
    const items = Array.from({ length: Math.min(ROWS, size - start) }, (_, i) => item(start + i, size));
    const tuples = items.map((_, r) => `(${Array.from({ length: FEEDBACK_COLUMN_COUNT }, (_, c) => `$${r * FEEDBACK_COLUMN_COUNT + c + 1}`).join(', ')})`);
    await store.pool.query(`INSERT INTO feedback (${FEEDBACK_COLUMNS}) VALUES ${tuples.join(', ')}`, items.flatMap(feedbackValues));
  };
  for (let start = from; start < size; start += 2 * ROWS) {
    await Promise.all([insert(start), ...(start + ROWS < size ? [insert(start + ROWS)] : [])]);
  }
  // As autovacuum leaves a table that has been written for a while: statistics, and the visibility map index-only scans need.
  await store.pool.query('VACUUM ANALYZE');
  await store.close();
}

export async function openPostgresStore(url) {
  const { PostgresStore } = await import(path.join(ROOT, 'dist/server/src/store/postgres/postgres-store.js'));
  return PostgresStore.open(url);
}

/**
 * An official's and a decision-maker's login keys (each works once: the benchmark keeps
 * their sessions). The official is o2:
 * the load's submissions (topic t1) go to o1, and the queries should read size / 50 items.
 */
export function loginKeys() {
  const key = (secret, officialId) => ({ keyHash: hash(secret), officialId, expiresAt: '2099-01-01T00:00:00.000Z', usedAt: null });
  return [key(LOGIN_KEY, 'o2'), key(COUNCIL_LOGIN_KEY, `o${OFFICIALS - 1}`)];
}
