import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { SEGMENT_SIZE } from '../../server/src/store/lowdb/segment.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { feedbackItem } from '../store-contract/contract.js';
import { CHANNELS, STATUSES } from '../../server/src/domain/model.js';
import { seedTestCity } from '../helpers/test-city.js';
import { factsCache, factsCacheFile, withCell } from '../helpers/facts-cache.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');
const AUDIT_ENTRY = { at: '2026-11-01T08:00:00.000Z', actorId: 'aino', action: 'read-private', feedbackId: 'ITEM000001', detail: null };

/**
 * Every file under `dir`, by relative path, with its bytes; but the facts caches, derived
 * data made again whenever one does not match its segment (as after a copy).
 */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.facts.json')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    files.set(path.relative(dir, file), await readFile(file, 'latin1'));
  }
  return files;
}

/** A file of the store, the list of records in it, and how to break one record. */
interface FileKind {
  file: string;
  /** Which data directory holds it: the current layout, or an older one being converted. */
  layout: 'current' | 'older';
  list: string;
  /** A field to give a value of the wrong type, and one to leave out. */
  wrongType: [field: string, value: unknown];
  missing: string;
}

const FILE_KINDS: FileKind[] = [
  { file: 'directory.json', layout: 'current', list: 'officials', wrongType: ['email', 42], missing: 'role' },
  { file: 'sessions.json', layout: 'current', list: 'sessions', wrongType: ['expiresAt', 42], missing: 'officialId' },
  { file: 'feedback/000001.json', layout: 'current', list: 'feedback', wrongType: ['createdAt', 20261101], missing: 'status' },
  { file: 'feedback/000002.json', layout: 'current', list: 'feedback', wrongType: ['contact', 'aino@example.fi'], missing: 'createdAt' },
  { file: 'audit/000001.json', layout: 'current', list: 'entries', wrongType: ['action', 'steal'], missing: 'at' },
  { file: 'feedback.json', layout: 'older', list: 'feedback', wrongType: ['rating', 'five'], missing: 'officialId' },
  { file: 'audit.json', layout: 'older', list: 'entries', wrongType: ['actorId', 7], missing: 'action' },
];

/** Each broken content, made from the file's valid text; `at` is what the message must point to. */
function brokenContents(kind: FileKind, valid: string): { name: string; text: string; at: RegExp }[] {
  const data = JSON.parse(valid) as Record<string, Record<string, unknown>[]>;
  const first = data[kind.list]![0]!;
  const item = (changed: Record<string, unknown>) => JSON.stringify({ ...data, [kind.list]: [changed, ...data[kind.list]!.slice(1)] });
  const { [kind.missing]: _, ...withoutField } = first;
  const index = typeof first.id === 'string' ? `\\[0\\] \\(id "${first.id}"\\)` : '\\[0\\]';
  return [
    { name: 'an empty file', text: '', at: /it is empty/ },
    { name: 'truncated JSON', text: valid.slice(0, Math.floor(valid.length / 2)), at: /not whole JSON/ },
    { name: 'null', text: 'null', at: /the file: .*expected object/ },
    { name: '{}', text: '{}', at: /damaged: \w+: Invalid input: expected array, received undefined/ },
    { name: '[]', text: '[]', at: /the file: .*expected object/ },
    { name: 'a number', text: '42', at: /the file: .*expected object/ },
    { name: 'a string', text: '"text"', at: /the file: .*expected object/ },
    { name: 'its list null', text: JSON.stringify({ ...data, [kind.list]: null }), at: new RegExp(`${kind.list}: .*expected array`) },
    { name: 'a null item', text: JSON.stringify({ ...data, [kind.list]: [null] }), at: new RegExp(`${kind.list}\\[0\\]: .*expected object`) },
    { name: `an item whose ${kind.wrongType[0]} is of the wrong type`, text: item({ ...first, [kind.wrongType[0]]: kind.wrongType[1] }), at: new RegExp(`${kind.list}${index}\\.${kind.wrongType[0]}: `) },
    { name: `an item without ${kind.missing}`, text: item(withoutField), at: new RegExp(`${kind.list}${index}\\.${kind.missing}: `) },
  ];
}

/** Damage a shape alone does not show: what is missing, cut, doubled or out of range. */
interface StoreDamage {
  name: string;
  /** The file the message must name, relative to the data directory. */
  file: string;
  change: (dataDir: string) => Promise<void>;
  at: RegExp;
}

const segment = (dataDir: string, n: number) => path.join(dataDir, 'feedback', `00000${n}.json`);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
/** Rewrites a JSON file of the data directory through CHANGE. */
const rewrite = (file: string, change: (data: any) => unknown) => async (dataDir: string) => {
  const at = path.join(dataDir, file);
  await writeFile(at, JSON.stringify(change(await readJson(at))));
};
const firstItem = (changed: Record<string, unknown>) => (data: any) => ({ ...data, feedback: [{ ...data.feedback[0], ...changed }, ...data.feedback.slice(1)] });

const STORE_DAMAGE: StoreDamage[] = [
  // The closed segment 000001.json holds SEGMENT_SIZE items, with its facts cache; 000002.json is open, with one.
  { name: 'a closed segment rewritten empty', file: 'feedback/000001.json', change: rewrite('feedback/000001.json', () => ({ feedback: [] })), at: /it holds 0 items, but a segment before the last holds exactly 250/ },
  { name: 'a closed segment cut to 100 items', file: 'feedback/000001.json', change: rewrite('feedback/000001.json', (d) => ({ feedback: d.feedback.slice(0, 100) })), at: /it holds 100 items, but/ },
  { name: 'a closed segment whose erased count does not add up', file: 'feedback/000001.json', change: rewrite('feedback/000001.json', (d) => ({ feedback: d.feedback.slice(0, 100), removed: 20 })), at: /it holds 100 items and 20 were erased from it, but/ },
  { name: 'a closed segment with an item too many', file: 'feedback/000001.json', change: rewrite('feedback/000001.json', (d) => ({ feedback: [...d.feedback, feedbackItem()] })), at: /it holds 251 items, but/ },
  { name: 'an open segment with more than a segment holds', file: 'feedback/000002.json', change: rewrite('feedback/000002.json', (d) => ({ feedback: [...d.feedback, ...Array.from({ length: SEGMENT_SIZE }, () => feedbackItem())] })), at: /it holds 251 items, but the last segment holds at most 250/ },
  { name: 'a deleted closed segment', file: 'feedback/000001.json', change: (dir) => rm(segment(dir, 1)), at: /this feedback segment is missing, but later ones, up to number 000002, are there/ },
  { name: 'a deleted closed segment and its cache', file: 'feedback/000001.json', change: async (dir) => { await rm(segment(dir, 1)); await rm(segment(dir, 1).replace('.json', '.facts.json')); }, at: /missing, but later ones/ },
  { name: 'a facts cache without its segment', file: 'feedback/000003.json', change: (dir) => cp(segment(dir, 1).replace('.json', '.facts.json'), segment(dir, 3).replace('.json', '.facts.json')), at: /this feedback segment is missing, but its facts cache is there/ },
  { name: 'a rating of 99 in the open segment', file: 'feedback/000002.json', change: rewrite('feedback/000002.json', firstItem({ rating: 99 })), at: /feedback\[0\] \(id "\w+"\)\.rating: a rating is a whole number from 1 to 5/ },
  { name: 'a rating of 99 in a closed segment', file: 'feedback/000001.json', change: rewrite('feedback/000001.json', firstItem({ rating: 99 })), at: /\.rating: a rating is a whole number from 1 to 5/ },
  { name: 'a rating of 2.5', file: 'feedback/000002.json', change: rewrite('feedback/000002.json', firstItem({ rating: 2.5 })), at: /\.rating: a rating is a whole number/ },
  { name: 'a rating of 0', file: 'feedback/000002.json', change: rewrite('feedback/000002.json', firstItem({ rating: 0 })), at: /\.rating: a rating is a whole number/ },
  { name: 'an empty feedback id', file: 'feedback/000002.json', change: rewrite('feedback/000002.json', firstItem({ id: '' })), at: /feedback\[0\] \(id ""\)\.id: an id cannot be empty/ },
  { name: 'an empty official id in an item', file: 'feedback/000002.json', change: rewrite('feedback/000002.json', firstItem({ officialId: '' })), at: /\.officialId: an id cannot be empty/ },
  { name: 'an item twice in a segment', file: 'feedback/000002.json', change: rewrite('feedback/000002.json', (d) => ({ feedback: [d.feedback[0], d.feedback[0]] })), at: /feedback\[1\] \(id "\w+"\)\.id: the id "\w+" is also that of feedback\[0\]/ },
  { name: 'an id of a closed segment again in the open one', file: 'feedback/000002.json', change: async (dir) => { const { feedback: [first] } = await readJson(segment(dir, 1)); await rewrite('feedback/000002.json', firstItem({ id: first.id }))(dir); }, at: /the feedback id "\w+" is also in 000001\.json/ },
  { name: 'a closed segment copied over the next', file: 'feedback/000002.json', change: async (dir) => { await rm(segment(dir, 2)); await cp(segment(dir, 1), path.join(dir, 'feedback', '000002.json')); await writeFile(segment(dir, 3), JSON.stringify({ feedback: [] })); }, at: /the feedback id "\w+" is also in 000001\.json/ },
  ...(['officials', 'serviceAreas', 'topics', 'signatureLinks'] as const).map((list) => ({
    name: `directory.json: an id twice in ${list}`,
    file: 'directory.json',
    change: rewrite('directory.json', (d) => ({ ...d, [list]: [...d[list], { ...d[list][0] }] })),
    at: new RegExp(`${list}\\[\\d+\\] \\(id "[\\w-]+"\\)\\.id: the id "[\\w-]+" is also that of ${list}\\[0\\]`),
  })),
  { name: 'directory.json: a link token twice', file: 'directory.json', change: rewrite('directory.json', (d) => ({ ...d, signatureLinks: [d.signatureLinks[0], { ...d.signatureLinks[1], token: d.signatureLinks[0].token }] })), at: /signatureLinks\[1\] \(id "link2"\)\.token: the token "token1" is also that of signatureLinks\[0\]/ },
  { name: 'directory.json: an empty official id', file: 'directory.json', change: rewrite('directory.json', (d) => ({ ...d, officials: [{ ...d.officials[0], id: '' }, ...d.officials.slice(1)] })), at: /officials\[0\] \(id ""\)\.id: an id cannot be empty/ },
];

describe('damaged files of a lowdb data directory', () => {
  let root: string;
  const layouts: Record<FileKind['layout'], string> = { current: '', older: '' };

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'suora-damaged-'));
    // The current layout: a directory, sessions, a closed segment (with its facts cache), an open one, an audit file.
    layouts.current = path.join(root, 'current');
    const store = await LowdbStore.open(layouts.current);
    await seedTestCity(store);
    await store.saveLoginKey({ keyHash: 'k'.repeat(64), officialId: 'aino', expiresAt: '2099-01-01T00:00:00.000Z', usedAt: null });
    await store.saveSession({ idHash: 's'.repeat(64), officialId: 'aino', createdAt: '2026-11-01T08:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' });
    for (let i = 0; i <= SEGMENT_SIZE; i++) await store.addFeedback(feedbackItem({ contact: { email: 'someone@example.fi' } }));
    await store.addAuditEntry(AUDIT_ENTRY as never);
    for (const n of [1, 2]) {
      await store.saveLink({ id: `link${n}`, token: `token${n}`, officialId: 'aino', serviceAreaId: 'vitality', channel: 'email', createdAt: '2026-11-01T08:00:00.000Z', revokedAt: null });
    }
    await store.close();
    await (await LowdbStore.open(layouts.current)).close(); // the closed segment's facts cache is there now
    // An older layout, converted when first opened: one feedback.json and one audit.json.
    layouts.older = path.join(root, 'older');
    await cp(path.join(layouts.current, 'directory.json'), path.join(layouts.older, 'directory.json'));
    await writeFile(path.join(layouts.older, 'feedback.json'), JSON.stringify({ feedback: [feedbackItem(), feedbackItem()] }));
    await writeFile(path.join(layouts.older, 'audit.json'), JSON.stringify({ entries: [AUDIT_ENTRY, AUDIT_ENTRY] }));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('the undamaged data directories open', async () => {
    for (const dir of Object.values(layouts)) {
      const copy = await mkdtemp(path.join(root, 'copy-'));
      await cp(dir, copy, { recursive: true });
      await (await LowdbStore.open(copy)).close();
    }
  });

  for (const kind of FILE_KINDS) {
    it(`${kind.file}: each broken shape stops start-up, naming the file and what to do, and nothing is written`, async () => {
      const valid = await readFile(path.join(layouts[kind.layout], kind.file), 'utf8');
      for (const broken of brokenContents(kind, valid)) {
        const dataDir = await mkdtemp(path.join(root, 'case-'));
        await cp(layouts[kind.layout], dataDir, { recursive: true });
        const damaged = path.join(dataDir, kind.file);
        await writeFile(damaged, broken.text);
        const before = await snapshot(dataDir);
        for (const readOnly of [false, true]) {
          await assert.rejects(LowdbStore.open(dataDir, { readOnly }), (error: Error) => {
            assert.ok(error.message.startsWith(`${damaged} is damaged: `), `${broken.name}: ${error.message}`);
            assert.match(error.message, broken.at, broken.name);
            assert.match(error.message, /Restore the file from your latest backup \(`suora backup DIR` makes one\)/);
            return true;
          });
        }
        assert.deepEqual(await snapshot(dataDir), before, `${broken.name}: nothing was written`);
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }

  for (const damage of STORE_DAMAGE) {
    it(`${damage.name}: stops start-up, naming the file and what to do, and nothing is written`, async () => {
      const dataDir = await mkdtemp(path.join(root, 'store-'));
      await cp(layouts.current, dataDir, { recursive: true });
      await damage.change(dataDir);
      const before = await snapshot(dataDir);
      for (const readOnly of [false, true]) {
        await assert.rejects(LowdbStore.open(dataDir, { readOnly }), (error: Error) => {
          assert.ok(error.message.startsWith(`${path.join(dataDir, damage.file)} is damaged: `), `${damage.name}: ${error.message}`);
          assert.match(error.message, damage.at, damage.name);
          assert.match(error.message, /Suora stopped and changed nothing\. Restore the (file|feedback directory) from your latest backup \(`suora backup DIR` makes one\)/);
          return true;
        });
      }
      assert.deepEqual(await snapshot(dataDir), before, `${damage.name}: nothing was written`);
      await rm(dataDir, { recursive: true, force: true });
    });
  }

  it('items erased from closed and open segments are counted: the store opens again, and a segment still closes at 250 in all', async () => {
    const dataDir = await mkdtemp(path.join(root, 'erased-'));
    await cp(layouts.current, dataDir, { recursive: true });
    let store = await LowdbStore.open(dataDir);
    const items = (await store.feedbackFacts({})).map((f) => f.id);
    for (const id of [items[0]!, items[100]!, items[SEGMENT_SIZE]!]) assert.ok(await store.deleteFeedback(id)); // two closed, one open
    await store.close();
    for (const withCache of [true, false]) {
      if (!withCache) await rm(path.join(dataDir, 'feedback', '000001.facts.json'));
      store = await LowdbStore.open(dataDir);
      assert.equal((await store.feedbackFacts({})).length, SEGMENT_SIZE - 2);
      await store.close();
    }
    // The open segment lost its only item: it takes SEGMENT_SIZE - 1 more before the next opens.
    store = await LowdbStore.open(dataDir);
    for (let i = 0; i < SEGMENT_SIZE; i++) await store.addFeedback(feedbackItem());
    await store.close();
    const second = JSON.parse(await readFile(path.join(dataDir, 'feedback', '000002.json'), 'utf8'));
    assert.equal(second.feedback.length, SEGMENT_SIZE - 1);
    assert.equal(second.removed, 1);
    store = await LowdbStore.open(dataDir);
    assert.equal((await store.feedbackFacts({})).length, 2 * SEGMENT_SIZE - 2);
    await store.close();
  });

  it('a data directory from before erasures were counted opens: its short closed segments record what was erased then, and from there on a short segment is refused', async () => {
    const dataDir = await mkdtemp(path.join(root, 'older-'));
    await cp(layouts.current, dataDir, { recursive: true });
    // As an earlier version left it: no feedbackFormat, and ten items erased from the closed segment without a count.
    const directoryFile = path.join(dataDir, 'directory.json');
    const { feedbackFormat: _format, ...older } = JSON.parse(await readFile(directoryFile, 'utf8'));
    await writeFile(directoryFile, JSON.stringify(older));
    const segmentFile = path.join(dataDir, 'feedback', '000001.json');
    const segment = JSON.parse(await readFile(segmentFile, 'utf8'));
    await writeFile(segmentFile, JSON.stringify({ feedback: segment.feedback.slice(10) }));
    await rm(path.join(dataDir, 'feedback', '000001.facts.json'), { force: true });

    const store = await LowdbStore.open(dataDir);
    const total = (await store.feedbackFacts({})).length;
    await store.close();
    assert.equal(JSON.parse(await readFile(segmentFile, 'utf8')).removed, 10);
    assert.equal(JSON.parse(await readFile(directoryFile, 'utf8')).feedbackFormat, 2);

    // Now the count is there: the same segment cut again is lost data.
    const counted = JSON.parse(await readFile(segmentFile, 'utf8'));
    await writeFile(segmentFile, JSON.stringify({ ...counted, feedback: counted.feedback.slice(5) }));
    await rm(path.join(dataDir, 'feedback', '000001.facts.json'), { force: true });
    await assert.rejects(LowdbStore.open(dataDir), /000001\.json is damaged/);
    assert.ok(total > 0);
  });

  it('a segment holding null stops `suora start` (it used to start with 250 items fewer), as does directory.json holding null, and `suora backup`', async () => {
    for (const file of ['feedback/000001.json', 'directory.json']) {
      const dataDir = await mkdtemp(path.join(root, 'cli-'));
      await cp(layouts.current, dataDir, { recursive: true });
      await writeFile(path.join(dataDir, file), 'null');
      // A server that starts runs on: it is stopped after half a minute, and its exit code is null.
      const started = await promisify(execFile)(process.execPath, [BIN, 'start'], {
        env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0' },
        timeout: 30_000,
        killSignal: 'SIGKILL',
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number | null; killed: boolean; stderr: string }) => ({ ...error, code: error.killed ? null : error.code }),
      );
      assert.equal(started.code, 1, `suora start over ${file} holding null: ${started.stderr}`);
      assert.match(started.stderr, new RegExp(`^${path.join(dataDir, file)} is damaged: the file: .*Suora stopped and changed nothing`));
    }
    // Nor is a damaged directory.json copied as if it were a backup.
    const dataDir = await mkdtemp(path.join(root, 'backup-'));
    await cp(layouts.current, dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'directory.json'), 'null');
    const backup = await promisify(execFile)(process.execPath, [BIN, 'backup', path.join(dataDir, 'copy')], { env: { ...process.env, SUORA_DATA_DIR: dataDir } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(backup.code, 1);
    assert.match(backup.stderr, /directory\.json is damaged: the file: /);
  });

  it('a facts cache of the wrong shape is made again from its segment, not trusted', async () => {
    const dataDir = path.join(root, 'facts');
    await cp(layouts.current, dataDir, { recursive: true });
    const cacheFile = path.join(dataDir, 'feedback', '000001.facts.json');
    await rm(cacheFile);
    await (await LowdbStore.open(dataDir)).close(); // its cache made for the copy's segment file, as a wrong one is made again
    const validCache = await readFile(cacheFile);
    const reference = await LowdbStore.open(layouts.current, { readOnly: true });
    const facts = await reference.feedbackFacts({});
    const cache = factsCache(validCache);
    const { header } = cache;
    const last = header.n - 1;
    const channelAt = header.strings.findIndex((s) => (CHANNELS as readonly string[]).includes(s));
    const statusAt = header.strings.findIndex((s) => (STATUSES as readonly string[]).includes(s));
    const file = (change: object) => factsCacheFile(cache, { ...header, ...change });
    const wrong: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['garbage', Buffer.from('not a facts cache at all, not even close')],
      ['the JSON of an older version', Buffer.from(JSON.stringify({ v: 8, ...header }))],
      ['cut short', validCache.subarray(0, -1)],
      ['a byte too many', Buffer.concat([validCache, Buffer.alloc(1)])],
      ['a header past the end', Buffer.concat([Buffer.from([255, 255, 0, 0]), validCache.subarray(4)])],
      ['a header that is not JSON', Buffer.concat([validCache.subarray(0, 4), Buffer.from('{'), validCache.subarray(5)])],
      ['another version', file({ v: 1 })],
      ['the other byte order', file({ endian: 'BE' })],
      ['a count of items not the columns’', file({ n: header.n + 1 })],
      ['a negative count of erased items', file({ removed: -1 })],
      ['one id too few', file({ id: header.id.split(' ').slice(1).join(' ') })],
      ['one id too many', file({ id: `${header.id} ITEM999999` })],
      ['an empty id', file({ id: ` ${header.id.split(' ').slice(1).join(' ')}` })],
      ['ids by number that are no text', file({ strings: header.strings.map((s, i) => (i === channelAt || i === statusAt ? s : i)) })],
      ['emails as numbers', file({ contactEmail: { 0: 1 } })],
      ['an email past the last item', file({ contactEmail: { [header.n]: 'someone@example.fi' } })],
      ['an email of no item', file({ contactEmail: { '00': 'someone@example.fi' } })],
      ['emails as a list', file({ contactEmail: ['someone@example.fi'] })],
      ['emails as a number', file({ contactEmail: 1 })],
      ['no refs', file({ ref: null })],
      ['a status number past the strings', factsCacheFile(withCell(cache, 'status', last, header.strings.length))],
      ['no status', factsCacheFile(withCell(cache, 'status', last, -1))],
      ['no area', factsCacheFile(withCell(cache, 'serviceAreaId', last, -1))],
      ['a topic number before the strings', factsCacheFile(withCell(cache, 'topicId', last, -2))],
      ['a channel that is no channel', factsCacheFile(withCell(cache, 'channel', last, statusAt))],
      ['a status that is no status', factsCacheFile(withCell(cache, 'status', last, channelAt))],
      ['a rating of 6', factsCacheFile(withCell(cache, 'rating', last, 6))],
      ['a flag of no meaning', factsCacheFile(withCell(cache, 'flags', last, 16))],
    ];
    for (const [name, damaged] of wrong) {
      await writeFile(cacheFile, damaged);
      const store = await LowdbStore.open(dataDir);
      assert.deepEqual(await store.feedbackFacts({}), facts, name);
      await store.close();
      assert.deepEqual(await readFile(cacheFile), validCache, `${name}: the cache is made again`);
    }
    await reference.close();
  });
});
