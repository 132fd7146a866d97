import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { seedTestCity } from '../helpers/test-city.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

describe('suora deputies and suora templates', () => {
  let dataDir: string;
  const suora = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, SUORA_DATA_DIR: dataDir }, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'suora-cli-'));
    const store = await LowdbStore.open(dataDir);
    await seedTestCity(store);
    await store.close();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('sets, lists and clears a deputy, refusing a reversed period', async () => {
    const set = await suora('deputies', 'set', 'aino', '--deputy', 'jussi', '--from', '2030-06-01', '--to', '2030-06-30', '--json');
    assert.equal(set.code, 0, set.stderr);
    const { id } = JSON.parse(set.stdout);
    const listed = await suora('deputies', 'list', 'aino');
    assert.match(listed.stdout, new RegExp(`${id}  away 2030-06-01 – 2030-06-30, deputy jussi`));
    assert.match((await suora('deputies', 'list', 'jussi')).stdout, /covers for aino/);
    const reversed = await suora('deputies', 'set', 'aino', '--deputy', 'jussi', '--from', '2030-08-02', '--to', '2030-08-01');
    assert.equal(reversed.code, 1);
    assert.match(reversed.stderr, /ends \(2030-08-01\) before it starts \(2030-08-02\)/);
    assert.equal((await suora('deputies', 'clear', 'aino', id)).code, 0);
    assert.match((await suora('deputies', 'list', 'aino')).stdout, /no periods away/);
  });

  it('adds, lists and removes a reply template, naming a missing language', async () => {
    const missing = await suora('templates', 'add', '--name', 'Kiitos', '--fi', 'Kiitos', '--en', 'Thanks');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Swedish \(sv\)/);
    const added = await suora('templates', 'add', '--name', 'Kiitos', '--fi', 'Kiitos', '--sv', 'Tack', '--en', 'Thanks', '--area', 'urban', '--json');
    assert.equal(added.code, 0, added.stderr);
    const { id } = JSON.parse(added.stdout);
    assert.match((await suora('templates', 'list')).stdout, new RegExp(`${id}  Kiitos  \\(urban\\)`));
    assert.equal((await suora('templates', 'remove', id)).code, 0);
    assert.match((await suora('templates', 'list')).stdout, /No reply templates/);
  });
});
