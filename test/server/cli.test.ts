import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { hashSecret } from '../../server/src/domain/secrets.js';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { printedUrls } from '../helpers/server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

/** Runs `suora ARGS` over `dataDir`; resolves with its exit code and output, never throws. */
async function suora(dataDir: string, ...args: string[]) {
  return suoraWith({}, dataDir, ...args);
}

/** `suora ARGS` with `env` besides the test's own environment. */
async function suoraWith(env: Record<string, string>, dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, SUORA_DATA_DIR: dataDir, ...env },
      // A command that should have refused but runs on (a server) is a failure, not a hang.
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('suora command line', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(path.join(tmpdir(), 'suora-cli-'))));
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('adds a service area, an official and a topic, with --json output', async () => {
    const area = await suora(dataDir, 'area', 'add', '--id', 'elinvoima', '--fi', 'Elinvoima', '--sv', 'Livskraft', '--en', 'Vitality', '--json');
    assert.equal(area.code, 0, area.stderr);
    assert.deepEqual(JSON.parse(area.stdout), { id: 'elinvoima', name: { fi: 'Elinvoima', sv: 'Livskraft', en: 'Vitality' }, retired: false });

    const official = await suora(dataDir, 'official', 'add', '--name', 'Aino Virtanen', '--email', 'aino@example.fi', '--area', 'elinvoima', '--title', 'Elinkeinopäällikkö', '--locale', 'sv', '--json');
    assert.equal(official.code, 0, official.stderr);
    assert.deepEqual(JSON.parse(official.stdout), {
      id: 'aino-virtanen',
      name: 'Aino Virtanen',
      title: 'Elinkeinopäällikkö',
      email: 'aino@example.fi',
      serviceAreaId: 'elinvoima',
      role: 'official',
      active: true,
      locale: 'sv',
    });

    const manager = await suora(dataDir, 'official', 'add', '--name', 'Riitta Koskinen', '--email', 'riitta@example.fi', '--area', 'elinvoima', '--role', 'manager');
    assert.equal(manager.code, 0, manager.stderr);
    assert.match(manager.stdout, /Added manager riitta-koskinen/);

    const topic = await suora(dataDir, 'topic', 'add', '--area', 'elinvoima', '--official', 'aino-virtanen', '--business',
      '--fi', 'Yritykset ja elinkeinopolitiikka', '--sv', 'Företag och näringspolitik', '--en', 'Businesses and economic policy');
    assert.equal(topic.code, 0, topic.stderr);
    assert.match(topic.stdout, /Added topic businesses-and-economic-policy/);

    const targeted = await suora(dataDir, 'topic', 'add', '--json', '--id', 'permits', '--area', 'elinvoima', '--official', 'aino-virtanen',
      '--fi', 'Luvat', '--sv', 'Tillstånd', '--en', 'Permits', '--target-days', '10');
    assert.equal(targeted.code, 0, targeted.stderr);
    assert.equal(JSON.parse(targeted.stdout).targetDays, 10);
    const tooLong = await suora(dataDir, 'topic', 'add', '--id', 'x', '--area', 'elinvoima', '--official', 'aino-virtanen',
      '--fi', 'X', '--sv', 'X', '--en', 'X', '--target-days', '90');
    assert.equal(tooLong.code, 1);
    assert.match(tooLong.stderr, /working days from 1 to 60/);
  });

  it('retires a service area and brings it back (`area update --retired true|false`)', async () => {
    const retired = await suora(dataDir, 'area', 'update', 'elinvoima', '--retired', 'true');
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, /Updated service area elinvoima: Elinvoima \(retired\)/);
    const wrong = await suora(dataDir, 'area', 'update', 'elinvoima', '--retired', 'maybe');
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /--retired is true or false/);
    const back = await suora(dataDir, 'area', 'update', 'elinvoima', '--retired', 'false', '--json');
    assert.equal(back.code, 0, back.stderr);
    assert.equal(JSON.parse(back.stdout).retired, false);
  });

  it('explains bad arguments and exits non-zero', async () => {
    const missing = await suora(dataDir, 'topic', 'add', '--fi', 'x', '--sv', 'x', '--en', 'x', '--official', 'aino-virtanen');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Missing --area/);

    const unknownOption = await suora(dataDir, 'area', 'add', '--colour', 'red');
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /Unknown option '--colour'/);

    const unknownArea = await suora(dataDir, 'official', 'add', '--name', 'X', '--email', 'x@example.fi', '--area', 'nowhere');
    assert.equal(unknownArea.code, 1);
    assert.match(unknownArea.stderr, /no service area "nowhere"/);

    const badEmail = await suora(dataDir, 'official', 'add', '--name', 'X', '--email', 'not-an-email', '--area', 'elinvoima');
    assert.equal(badEmail.code, 1);
    assert.match(badEmail.stderr, /valid email/);

    const duplicate = await suora(dataDir, 'area', 'add', '--id', 'elinvoima', '--fi', 'a', '--sv', 'b', '--en', 'c');
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /already exists/);

    const unknownCommand = await suora(dataDir, 'frobnicate');
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /Unknown command: frobnicate/);
  });

  it('refuses to start with SUORA_TRUST_PROXY=true, or any setting it cannot use, and says what to give', async () => {
    const trustAll = await suoraWith({ SUORA_TRUST_PROXY: 'true', PORT: '0' }, dataDir, 'start');
    assert.equal(trustAll.code, 1);
    assert.match(trustAll.stderr, /SUORA_TRUST_PROXY=true would let any client choose its own address/);
    assert.match(trustAll.stderr, /SUORA_TRUST_PROXY=1/);
    assert.equal(trustAll.stdout, '', 'it never listened');

    // Express itself refuses a /0 only when it is set, and the server then hung without answering.
    const everyone = await suoraWith({ SUORA_TRUST_PROXY: '0.0.0.0/0', PORT: '0' }, dataDir, 'start');
    assert.equal(everyone.code, 1);
    assert.match(everyone.stderr, /SUORA_TRUST_PROXY: "0\.0\.0\.0\/0" is too broad to be a proxy network/);
    assert.equal(everyone.stdout, '', 'it never listened');

    const badMail = await suoraWith({ SMTP_URL: 'smtp.example.fi', PORT: '0' }, dataDir, 'start');
    assert.equal(badMail.code, 1);
    assert.match(badMail.stderr, /SMTP_URL must be an SMTP server URL/);
  });

  it('exports feedback as JSON, without edit-key hashes', async () => {
    const empty = await suora(dataDir, 'export', '--json');
    assert.deepEqual(JSON.parse(empty.stdout), []);
  });

  it('refuses a second writer on the same data directory while the server runs, and exports beside it', async () => {
    const server = spawn(process.execPath, [BIN, 'start', '--json'], {
      env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const { server: url } = await printedUrls(server.stdout);
      const sent = await fetch(`${url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ topic: 'businesses-and-economic-policy', rating: 5, comment: 'CLI test' }),
      });
      assert.equal(sent.status, 201);

      const second = await suora(dataDir, 'area', 'add', '--fi', 'a', '--sv', 'b', '--en', 'c');
      assert.equal(second.code, 1);
      assert.match(second.stderr, /in use by another Suora process/);

      const exported = await suora(dataDir, 'export', '--json');
      const [item] = JSON.parse(exported.stdout);
      assert.equal(item.comment, 'CLI test');
      assert.equal(item.officialId, 'aino-virtanen');
      assert.equal(item.serviceAreaId, 'elinvoima');
      assert.equal(item.channel, 'widget');
      assert.equal(item.editKeyHash, undefined);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    const afterStop = await suora(dataDir, 'area', 'add', '--id', 'later', '--fi', 'a', '--sv', 'b', '--en', 'c');
    assert.equal(afterStop.code, 0, 'the lock is released when the server stops');
  });
});

describe('suora command line: people', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'suora-cli-people-'));
    const ok = async (...args: string[]) => {
      const run = await suora(dataDir, ...args);
      assert.equal(run.code, 0, run.stderr);
      return run;
    };
    await ok('area', 'add', '--id', 'a', '--fi', 'A', '--sv', 'A', '--en', 'A');
    await ok('official', 'add', '--id', 'aino', '--name', 'Aino Virtanen', '--email', 'aino@example.fi', '--area', 'a');
    await ok('official', 'add', '--id', 'jussi', '--name', 'Jussi Korhonen', '--email', 'jussi@example.fi', '--area', 'a');
    await ok('official', 'add', '--id', 'kari', '--name', 'Kari Salo', '--email', 'kari@example.fi', '--area', 'a', '--role', 'decision-maker');
    await ok('topic', 'add', '--id', 't', '--area', 'a', '--official', 'aino', '--fi', 'T', '--sv', 'T', '--en', 'T');
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses an email another official has, in any case and with spaces, with the reason', async () => {
    const added = await suora(dataDir, 'official', 'add', '--name', 'X', '--email', '  AINO@Example.fi ', '--area', 'a');
    assert.equal(added.code, 1);
    assert.match(added.stderr, /Another official already has this email address/);
    const changed = await suora(dataDir, 'official', 'update', 'jussi', '--email', 'Aino@example.fi');
    assert.equal(changed.code, 1);
    assert.match(changed.stderr, /already has this email/);
  });

  it('refuses giving a topic, an area or a link to a decision-maker', async () => {
    for (const args of [
      ['topic', 'add', '--area', 'a', '--official', 'kari', '--fi', 'U', '--sv', 'U', '--en', 'U'],
      ['area', 'update', 'a', '--official', 'kari'],
      ['area', 'add', '--fi', 'B', '--sv', 'B', '--en', 'B', '--official', 'kari'],
      ['link', 'create', '--official', 'kari'],
    ]) {
      const refused = await suora(dataDir, ...args);
      assert.equal(refused.code, 1, args.join(' '));
      assert.match(refused.stderr, /Kari Salo is a decision-maker: only active officials and admins/);
    }
  });

  it('updates and deactivates an official with a successor, ends sessions, and audits it all as the command line', async () => {
    const retitled = await suora(dataDir, 'official', 'update', 'aino', '--title', 'Päällikkö', '--json');
    assert.equal(retitled.code, 0, retitled.stderr);
    assert.equal(JSON.parse(retitled.stdout).title, 'Päällikkö');

    const badActive = await suora(dataDir, 'official', 'update', 'aino', '--active', 'maybe');
    assert.equal(badActive.code, 1);
    assert.match(badActive.stderr, /--active is true or false/);
    const noSuccessor = await suora(dataDir, 'official', 'update', 'aino', '--active', 'false');
    assert.equal(noSuccessor.code, 1);
    assert.match(noSuccessor.stderr, /Name a successor/);

    const left = await suora(dataDir, 'official', 'update', 'aino', '--active', 'false', '--successor', 'jussi', '--json');
    assert.equal(left.code, 0, left.stderr);
    assert.equal(JSON.parse(left.stdout).active, false);
    const noLink = await suora(dataDir, 'login-link', '--official', 'aino');
    assert.equal(noLink.code, 1);
    assert.match(noLink.stderr, /no longer active/);

    const mailed = await suora(dataDir, 'login-link', '--official', 'jussi', '--json');
    assert.equal(mailed.code, 0, mailed.stderr);
    const key = (JSON.parse(mailed.stdout) as { url: string }).url.split('/login/')[1]!;
    const ended = await suora(dataDir, 'official', 'end-sessions', 'jussi', '--json');
    assert.equal(ended.code, 0, ended.stderr);
    assert.deepEqual(JSON.parse(ended.stdout), { officialId: 'jussi', ended: 0 });
    // The sign-in link issued before no longer opens a session.
    const keys = await LowdbStore.open(dataDir);
    try {
      assert.equal(await keys.useLoginKey(hashSecret(key), new Date().toISOString()), undefined, 'the unused sign-in link is void');
    } finally {
      await keys.close();
    }

    const store = await LowdbStore.open(dataDir, { readOnly: true });
    try {
      assert.equal((await store.getTopic('t'))!.officialId, 'jussi');
      const { items } = await store.listAuditEntries();
      const entries = items.map((e) => [e.action, e.actorId, e.targetId, e.detail]);
      for (const expected of [
        ['official-change', null, 'aino', 'fields=title, command line'],
        ['official-deactivate', null, 'aino', 'count=0, successor=jussi, command line'],
        ['sessions-end', null, 'jussi', 'count=0, command line'],
        ['official-add', null, 'kari', 'role=decision-maker, command line'],
        ['topic-add', null, 't', 'command line'],
      ]) {
        assert.ok(entries.some((e) => JSON.stringify(e) === JSON.stringify(expected)), `audited: ${JSON.stringify(expected)} in ${JSON.stringify(entries)}`);
      }
      assert.doesNotMatch(JSON.stringify(items), /@|Aino|Virtanen|Päällikkö/);
    } finally {
      await store.close();
    }
  });

  it('creates an API key and prints it once, lists keys without them, revokes by name or id, and audits by name', async () => {
    const created = await suora(dataDir, 'api-key', 'create', '--name', 'lahti-piste', '--scope', 'sms-surveys');
    assert.equal(created.code, 0, created.stderr);
    const key = /^  ([A-Za-z0-9][A-Za-z0-9_-]{20})$/m.exec(created.stdout)![1]!;
    assert.match(created.stdout, /shown only now/);
    const other = await suora(dataDir, 'api-key', 'create', '--name', 'open-data', '--scope', 'open311', '--json');
    const otherId = (JSON.parse(other.stdout) as { id: string }).id;

    const refused = await suora(dataDir, 'api-key', 'create', '--name', 'LAHTI-PISTE', '--scope', 'sms-surveys');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already an API key named LAHTI-PISTE/);
    assert.match((await suora(dataDir, 'api-key', 'create', '--name', 'x', '--scope', 'everything')).stderr, /sms-surveys or open311/);
    assert.match((await suora(dataDir, 'api-key', 'create', '--name', 'two words', '--scope', 'open311')).stderr, /letters, digits/);

    const list = await suora(dataDir, 'api-key', 'list');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /live +\S+ +lahti-piste +sms-surveys +created \S+ +last used never/);
    assert.ok(!list.stdout.includes(key), 'never the key');
    const listed = await suora(dataDir, 'api-key', 'list', '--json');
    assert.ok(!listed.stdout.includes(key) && !listed.stdout.includes(hashSecret(key)), 'neither the key nor its hash');

    assert.equal((await suora(dataDir, 'api-key', 'revoke', 'lahti-piste')).code, 0);
    assert.equal((await suora(dataDir, 'api-key', 'revoke', otherId)).code, 0);
    assert.match((await suora(dataDir, 'api-key', 'list')).stdout, /revoked +\S+ +lahti-piste .* revoked \S+\n.*revoked +\S+ +open-data/);
    assert.match((await suora(dataDir, 'api-key', 'revoke', 'nobody')).stderr, /no API key named or with the id "nobody"/);

    const store = await LowdbStore.open(dataDir, { readOnly: true });
    try {
      const entries = (await store.listAuditEntries()).items.filter((e) => e.action.startsWith('api-key')).map((e) => `${e.action} ${e.detail}`);
      assert.deepEqual(entries.sort(), [
        'api-key-create key=lahti-piste, command line',
        'api-key-create key=open-data, command line',
        'api-key-revoke key=lahti-piste, command line',
        'api-key-revoke key=open-data, command line',
      ]);
    } finally {
      await store.close();
    }
  });
});
