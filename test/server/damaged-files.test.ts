import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { SEGMENT_SIZE } from '../../server/src/store/lowdb/feedback-segments.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { feedbackItem } from '../store-contract/contract.js';
import { seedTestCity } from '../helpers/test-city.js';

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
    await (await LowdbStore.open(dataDir)).close(); // the copied segment is a new file: its cache is made anew
    const cacheFile = path.join(dataDir, 'feedback', '000001.facts.json');
    const validCache = await readFile(cacheFile, 'utf8');
    const reference = await LowdbStore.open(layouts.current, { readOnly: true });
    const facts = await reference.feedbackFacts({});
    const cache = JSON.parse(validCache) as { facts: Record<string, unknown[]> & { strings: string[] } };
    const statusAt = cache.facts.strings.indexOf('new');
    const wrong: [string, (c: typeof cache.facts) => unknown][] = [
      ['null facts', () => null],
      ['no columns', () => ({})],
      ['a column cut short', (c) => ({ ...c, createdMs: c.createdMs!.slice(1) })],
      ['ratings as text', (c) => ({ ...c, rating: c.rating!.map(String) })],
      ['a status number past the strings', (c) => ({ ...c, status: c.status!.map(() => 999) })],
      ['a channel that is no channel', (c) => ({ ...c, channel: c.channel!.map(() => statusAt) })],
      ['dates as text', (c) => ({ ...c, createdMs: c.createdMs!.map(String) })],
      ['emails as numbers', (c) => ({ ...c, contactEmail: c.contactEmail!.map(() => 1) })],
    ];
    for (const [name, change] of wrong) {
      await writeFile(cacheFile, JSON.stringify({ ...cache, facts: change(cache.facts) }));
      const store = await LowdbStore.open(dataDir);
      assert.deepEqual(await store.feedbackFacts({}), facts, name);
      await store.close();
      assert.equal(await readFile(cacheFile, 'utf8'), validCache, `${name}: the cache is made again`);
    }
    await reference.close();
  });
});
