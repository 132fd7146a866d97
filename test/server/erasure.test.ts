import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { readConfig } from '../../server/src/config.js';
import type { Feedback } from '../../server/src/domain/model.js';
import { PersonalData } from '../../server/src/domain/personal-data-inventory.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Notifier } from '../../server/src/mail/notifications.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { SEGMENT_SIZE } from '../../server/src/store/lowdb/segment.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { findInDataDir, findInPostgres } from '../helpers/personal-data-search.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { seedTestCity } from '../helpers/test-city.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { feedbackItem } from '../store-contract/contract.js';
import { printedUrls } from '../helpers/server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');
const DAY = 86_400_000;
const run = promisify(execFile);

/** A person, and everything they gave or were given: each string is searched for after erasure and purge. */
function person(tag: string) {
  const p = {
    name: `Zebulon Quartermaine${tag}`,
    email: `Zeb.Quartermaine${tag}@Example.COM`,
    // As stored (E.164): searched for in the files, so it must be the form the store keeps.
    phone: `+35840987654${tag.length}`,
    organisation: `Quokkatronics${tag} Oy`,
    word: `Xylophonically${tag}`,
    reply: `Zanzibarian${tag}`,
  };
  return {
    ...p,
    contact: { name: p.name, email: p.email, phone: p.phone, organisation: p.organisation },
    comment: `The harbour bench squeaks ${p.word} every night.`,
    replyText: `Dear ${p.name}, thank you: the bench is ${p.reply} now.`,
    needles: [p.name, p.email, p.phone, p.organisation, p.word, p.reply],
  };
}
type Person = ReturnType<typeof person>;

/** Messages in an outbox that hold `text` (quoted-printable undone). */
async function mailWith(dataDir: string, text: string): Promise<string[]> {
  const dir = path.join(dataDir, 'outbox');
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: string[] = [];
  for (const name of names) {
    // A message may be removed between the listing and the read (its item was erased meanwhile).
    const raw = (await readFile(path.join(dir, name), 'latin1').catch(() => '')).replace(/=\r?\n/g, '');
    if (raw.includes(text)) found.push(name);
  }
  return found;
}

async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`waited in vain for ${what}`);
}

/** Through HTTP: the person gives feedback, the official is told, and replies naming them. Returns the reference. */
async function feedbackWithReply(server: TestServer, who: Person, options: { waitForDigest?: boolean } = {}): Promise<string> {
  const { status, json } = await postFeedback(server.url, { topic: 'business', rating: 2, comment: who.comment, contact: who.contact, wantsReply: true, public: true });
  assert.equal(status, 201);
  const id = json.id as string;
  if (options.waitForDigest ?? true) await until(async () => (await mailWith(server.dataDir, id)).length >= 1, 'the digest');
  const aino = await signInAs(server, 'aino');
  assert.equal((await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: who.replyText })).status, 200);
  await until(async () => (await mailWith(server.dataDir, who.reply)).length >= 1, 'the reply mail');
  return id;
}

describe('erasure leaves no copy (lowdb, through HTTP)', () => {
  it('after an admin erases a person by email (any case, spaces around), no file of the data directory holds anything of theirs', async () => {
    const server = await startTestServer();
    try {
      const who = person('A');
      const id = await feedbackWithReply(server, who);
      assert.ok((await findInDataDir(server.dataDir, who.needles)).some((f) => f.startsWith('outbox')), 'the outbox holds their mail before');
      const admin = await signInAs(server, 'tiina');
      const erase = await asStaff(server, admin, 'POST', '/api/admin/erase', { email: `  ${who.email.toUpperCase()} ` });
      assert.deepEqual(erase.json.erased, [id]);
      await server.notifier.flush();
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
    } finally {
      await server.close();
    }
  });

  it('erasure by reference removes the outbox mail that carries that item', async () => {
    const server = await startTestServer();
    try {
      const who = person('B');
      const id = await feedbackWithReply(server, who);
      const admin = await signInAs(server, 'tiina');
      assert.deepEqual((await asStaff(server, admin, 'POST', '/api/admin/erase', { id })).json.erased, [id]);
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
    } finally {
      await server.close();
    }
  });

  it('a digest still waiting when the person is erased goes out without them', async () => {
    const server = await startTestServer({ digestDelayMs: 3_600_000 });
    try {
      const who = person('C');
      const other = person('D');
      const { json } = await postFeedback(server.url, { topic: 'business', comment: who.comment, contact: who.contact });
      await postFeedback(server.url, { topic: 'business', comment: other.comment });
      const admin = await signInAs(server, 'tiina');
      assert.deepEqual((await asStaff(server, admin, 'POST', '/api/admin/erase', { email: who.email })).json.erased, [json.id]);
      await server.notifier.flush(); // what the timer (or a shutdown) would send
      assert.equal((await mailWith(server.dataDir, other.word)).length, 1, 'the digest went out, with the other item');
      assert.deepEqual(await mailWith(server.dataDir, who.word), []);
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
    } finally {
      await server.close();
    }
  });

  it('a digest still waiting when its item is purged goes out without its text', async () => {
    const server = await startTestServer({ digestDelayMs: 3_600_000 });
    try {
      const who = person('E');
      await postFeedback(server.url, { topic: 'business', comment: who.comment, contact: who.contact });
      assert.equal(await server.personalData.purge(548, { now: new Date(Date.now() + 600 * DAY) }), 1);
      await server.notifier.flush();
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
    } finally {
      await server.close();
    }
  });

  it('the last segment exactly full: its facts cache keeps no erased email', async () => {
    const server = await startTestServer();
    try {
      for (let i = 0; i < SEGMENT_SIZE - 1; i++) await server.store.addFeedback(feedbackItem({ createdAt: new Date().toISOString() }));
      const who = person('F');
      await feedbackWithReply(server, who); // the 250th: the segment is full, and its facts are cached
      const cache = await readFile(path.join(server.dataDir, 'feedback/000001.facts.json'), 'utf8');
      assert.ok(cache.includes(who.email.toLowerCase()), 'precondition: the cache holds the email');
      const admin = await signInAs(server, 'tiina');
      assert.equal((await asStaff(server, admin, 'POST', '/api/admin/erase', { email: who.email })).json.erased.length, 1);
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
      // And the store still reads right when started again without a cache.
      await server.store.close();
      const reopened = await LowdbStore.open(server.dataDir, { readOnly: true });
      assert.equal((await reopened.queryFeedback({})).total, SEGMENT_SIZE - 1);
      assert.equal((await reopened.queryFeedback({ contactEmail: who.email })).total, 0);
    } finally {
      await server.close().catch(() => {});
    }
  });

  it('the retention purge removes reply texts and the outbox mail that carries purged items', async () => {
    const server = await startTestServer();
    try {
      const who = person('G');
      const id = await feedbackWithReply(server, who);
      // The outbox's own retention long, so that only the purged item's copies can take its mail.
      const personalData = new PersonalData(server.store, { outbox: new Outbox(path.join(server.dataDir, 'outbox')), outboxRetentionDays: 100_000 });
      assert.equal(await personalData.purge(548, { now: new Date(Date.now() + 600 * DAY) }), 1);
      const purged = (await server.store.getFeedback(id))!;
      assert.deepEqual([purged.rating, purged.reply?.authorId, typeof purged.reply?.at], [2, 'aino', 'string'], 'what scores read stays');
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
    } finally {
      await server.close();
    }
  });

  it('outbox mail is removed after its own retention by the daily purge, newer mail stays', async () => {
    const server = await startTestServer();
    try {
      const who = person('H');
      await feedbackWithReply(server, who);
      const outbox = path.join(server.dataDir, 'outbox');
      const old = new Date(Date.now() - 31 * DAY);
      for (const name of await readdir(outbox)) await utimes(path.join(outbox, name), old, old);
      const later = person('I');
      const { json } = await postFeedback(server.url, { topic: 'business', comment: later.comment });
      await until(async () => (await mailWith(server.dataDir, json.id)).length === 1, 'the new digest');
      assert.equal(await server.personalData.purge(548), 0, 'no feedback is old enough');
      assert.deepEqual(await findInDataDir(outbox, who.needles), []);
      assert.equal((await mailWith(server.dataDir, later.word)).length, 1);
    } finally {
      await server.close();
    }
  });

  it('mail whose item is erased while it goes out is not left in the outbox', async () => {
    const server = await startTestServer();
    try {
      const who = person('U');
      const item = feedbackItem({ comment: who.comment, contact: who.contact, wantsReply: true, reply: { text: who.replyText, authorId: 'aino', at: new Date().toISOString() } });
      await server.store.addFeedback(item);
      const notifier = new Notifier(server.store, createMailer({ smtpUrl: undefined, outbox: new Outbox(path.join(server.dataDir, 'outbox')), from: 's@example.fi' }), server.url);
      // The reply was read before the erasure, and its mail is written after it.
      await server.personalData.erase('server', { id: item.id });
      notifier.replyGiven(item, (await server.store.getOfficial('aino'))!, { corrected: false });
      const marker = person('V');
      const { json } = await postFeedback(server.url, { topic: 'business', comment: marker.comment });
      await until(async () => (await mailWith(server.dataDir, json.id)).length === 1, 'later mail');
      await server.notifier.flush();
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
    } finally {
      await server.close();
    }
  });

  it('SUORA_OUTBOX_RETENTION_DAYS: 30 days unless set, and a wrong value is refused with the variable named', () => {
    assert.equal(readConfig({}).outboxRetentionDays, 30);
    assert.equal(readConfig({ SUORA_OUTBOX_RETENTION_DAYS: '7' }).outboxRetentionDays, 7);
    assert.throws(() => readConfig({ SUORA_OUTBOX_RETENTION_DAYS: '0' }), /SUORA_OUTBOX_RETENTION_DAYS must be a whole number of days/);
    assert.throws(() => readConfig({ SUORA_OUTBOX_RETENTION_DAYS: 'week' }), /SUORA_OUTBOX_RETENTION_DAYS/);
  });

  it('access by email gives the person’s items and their mail, and the audit log keeps no contact data', async () => {
    const server = await startTestServer();
    try {
      const who = person('J');
      const id = await feedbackWithReply(server, who);
      const admin = await signInAs(server, 'tiina');
      const copy = await asStaff(server, admin, 'GET', `/api/admin/personal-data?email=${encodeURIComponent(who.email.toLowerCase())}`);
      assert.deepEqual(copy.json.items.map((f: Feedback) => f.id), [id]);
      const mail = copy.json.copies.outbox as { text: string }[];
      assert.ok(mail.some((m) => m.text.includes(who.reply)), 'their reply mail is in the copy');
      // Another engineer's change takes the email out of the access entry's detail (issue 11, item 4).
      assert.deepEqual(await findInDataDir(path.join(server.dataDir, 'audit'), who.needles), []);
    } finally {
      await server.close();
    }
  });
});

describe('old stores and unreadable times (lowdb)', () => {
  it('a converted feedback.json (and audit.json) leaves no copy behind, and the person is then erased from every file', async () => {
    const who = person('K');
    const item = feedbackItem({ createdAt: new Date(Date.now() - DAY).toISOString(), comment: who.comment, contact: who.contact, wantsReply: true,
      reply: { text: who.replyText, authorId: 'aino', at: new Date().toISOString() } });
    const server = await startTestServer({}, async (dir) => {
      await writeFile(path.join(dir, 'feedback.json'), JSON.stringify({ feedback: [item] }));
      await writeFile(path.join(dir, 'audit.json'), JSON.stringify({ entries: [{ at: new Date().toISOString(), actorId: 'aino', action: 'reply', feedbackId: item.id, detail: null }] }));
    });
    try {
      assert.deepEqual((await readdir(server.dataDir)).filter((n) => n.startsWith('feedback.json') || n.startsWith('audit.json')), []);
      assert.equal((await server.store.getFeedback(item.id))?.comment, who.comment, 'converted');
      const admin = await signInAs(server, 'tiina');
      assert.deepEqual((await asStaff(server, admin, 'POST', '/api/admin/erase', { email: who.email })).json.erased, [item.id]);
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
    } finally {
      await server.close();
    }
  });

  it('leftovers of an earlier conversion (feedback.json.imported, audit.json.imported) are removed when the store opens', async () => {
    const who = person('L');
    const server = await startTestServer({}, async (dir) => {
      await writeFile(path.join(dir, 'feedback.json.imported'), JSON.stringify({ feedback: [feedbackItem({ comment: who.comment, contact: who.contact })] }));
      await writeFile(path.join(dir, 'audit.json.imported'), JSON.stringify({ entries: [] }));
    });
    try {
      assert.deepEqual(await findInDataDir(server.dataDir, who.needles), []);
      await assert.rejects(access(path.join(server.dataDir, 'audit.json.imported')));
    } finally {
      await server.close();
    }
  });

  it('an old store holding an item whose time cannot be read is refused, with the file and the item named, and left as it was', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'suora-badtime-'));
    try {
      const good = feedbackItem({ comment: 'fine' });
      const bad = { ...feedbackItem({ comment: 'no time' }), createdAt: 'last Tuesday' };
      const text = JSON.stringify({ feedback: [good, bad] });
      await writeFile(path.join(dir, 'feedback.json'), text);
      await assert.rejects(LowdbStore.open(dir), (error: Error) => error.message.includes('feedback.json') && error.message.includes(bad.id) && /cannot be read/.test(error.message));
      assert.equal(await readFile(path.join(dir, 'feedback.json'), 'utf8'), text);
      const store = await LowdbStore.open(dir, { readOnly: true }).catch((error: Error) => error);
      assert.ok(store instanceof Error, 'read-only (export, access) refuses it too');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an item already stored with a time that cannot be read is found by email and erased, or purged as expired', async () => {
    const who = person('M');
    const other = person('N');
    const broken = (fields: Partial<Feedback>) => ({ ...feedbackItem(fields), createdAt: 'not a time' });
    const mine = broken({ comment: who.comment, contact: { ...who.contact, email: ` ${who.email} ` } });
    const theirs = broken({ comment: other.comment, contact: other.contact });
    const server = await startTestServer({}, async (dir) => {
      await mkdir(path.join(dir, 'feedback'));
      await writeFile(path.join(dir, 'feedback/000001.json'), JSON.stringify({ feedback: [mine, theirs] }));
    });
    try {
      const found = await server.personalData.access('server', { email: who.email.toLowerCase() });
      assert.deepEqual(found.items.map((f) => f.id), [mine.id], 'found by email');
      const admin = await signInAs(server, 'tiina');
      assert.deepEqual((await asStaff(server, admin, 'POST', '/api/admin/erase', { email: who.email })).json.erased, [mine.id]);
      assert.equal(await server.personalData.purge(548), 1, 'it cannot show it is within retention');
      assert.deepEqual(await findInDataDir(server.dataDir, [...who.needles, ...other.needles]), []);
      await assert.rejects(server.store.addFeedback(broken({})), /cannot be read/, 'the store takes no new one');
    } finally {
      await server.close();
    }
  });
});

describe('erasure and purge from the command line (lowdb)', () => {
  /** A data directory where the person's item has its reply, and the outbox the digest and the reply mail. */
  async function dataDirWithMail(who: Person, createdAt: string): Promise<{ dir: string; id: string }> {
    const dir = await mkdtemp(path.join(tmpdir(), 'suora-cli-erase-'));
    const store = await LowdbStore.open(dir);
    await seedTestCity(store);
    const item = feedbackItem({ createdAt, comment: who.comment, contact: who.contact, wantsReply: true,
      reply: { text: who.replyText, authorId: 'aino', at: new Date().toISOString() } });
    await store.addFeedback(item);
    const notifier = new Notifier(store, createMailer({ smtpUrl: undefined, outbox: new Outbox(path.join(dir, 'outbox')), from: 's@example.fi' }), 'http://localhost');
    notifier.feedbackArrived(item);
    await notifier.flush();
    notifier.replyGiven(item, (await store.getOfficial('aino'))!, { corrected: false });
    await until(async () => (await mailWith(dir, who.reply)).length === 1, 'the reply mail');
    await store.close();
    assert.ok((await findInDataDir(dir, who.needles)).some((f) => f.startsWith('outbox')), 'precondition');
    return { dir, id: item.id };
  }
  const suora = async (dir: string, ...args: string[]) => (await run(process.execPath, [BIN, ...args], { env: { ...process.env, SUORA_DATA_DIR: dir } })).stdout;

  it('suora erase --email leaves nothing of the person in any file', async () => {
    const who = person('O');
    const { dir, id } = await dataDirWithMail(who, new Date().toISOString());
    try {
      assert.deepEqual(JSON.parse(await suora(dir, 'erase', '--email', who.email.toUpperCase(), '--json')).erased, [id]);
      assert.deepEqual(await findInDataDir(dir, who.needles), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('suora purge leaves nothing of an expired item’s giver in any file', async () => {
    const who = person('P');
    const { dir } = await dataDirWithMail(who, new Date(Date.now() - 10 * DAY).toISOString());
    try {
      assert.deepEqual(JSON.parse(await suora(dir, 'purge', '--days', '7', '--json')), { purged: 1, days: 7 });
      assert.deepEqual(await findInDataDir(dir, who.needles), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('erasure and purge leave no copy (PostgreSQL)', () => {
  let database: ThrowawayPostgres;
  let dataDir: string;
  let server: ChildProcess | undefined;
  let url: string;
  const env = () => ({ ...process.env, DATABASE_URL: database.url, SUORA_DATA_DIR: dataDir, SUORA_RATE_LIMIT: 'off' });
  const suora = async (...args: string[]) => (await run(process.execPath, [BIN, ...args], { env: env() })).stdout;
  const staff = async (officialId: string) => {
    const { url: link } = JSON.parse(await suora('login-link', '--official', officialId, '--json')) as { url: string };
    const signIn = await fetch(`${url}/login/${link.split('/login/')[1]}`, { method: 'POST', headers: { Origin: url }, redirect: 'manual' });
    assert.equal(signIn.status, 303);
    return signIn.headers.get('set-cookie')!.split(';')[0]!;
  };
  const asStaffOn = (cookie: string, method: string, route: string, body?: unknown) =>
    asStaff({ url } as TestServer, cookie, method, route, body);

  before(async () => {
    database = await startPostgres();
    dataDir = await mkdtemp(path.join(tmpdir(), 'suora-pg-erase-'));
    const store = await PostgresStore.open(database.url);
    await seedTestCity(store);
    await store.close();
    // The server's digest waits its usual minute: it is still pending when the people are erased.
    server = spawn(process.execPath, [BIN, 'start', '--json'], { env: { ...env(), PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    url = (await printedUrls(server.stdout!)).server;
  });
  after(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('an erasure through HTTP and one from the command line beside the server: no file and no table holds either person, and the pending digest goes out without them', async () => {
    const aino = await staff('aino');
    const admin = await staff('tiina');
    const byHttp = person('Q');
    const byCli = person('R');
    const bystander = person('S');
    const ids: string[] = [];
    for (const who of [byHttp, byCli]) {
      const { json } = await postFeedback(url, { topic: 'business', rating: 2, comment: who.comment, contact: who.contact, wantsReply: true, public: true });
      assert.equal((await asStaffOn(aino, 'PATCH', `/api/feedback/${json.id}`, { reply: who.replyText })).status, 200);
      await until(async () => (await mailWith(dataDir, who.reply)).length === 1, 'the reply mail');
      ids.push(json.id);
    }
    await postFeedback(url, { topic: 'business', comment: bystander.comment });

    assert.deepEqual((await asStaffOn(admin, 'POST', '/api/admin/erase', { email: ` ${byHttp.email.toUpperCase()}` })).json.erased, [ids[0]]);
    assert.deepEqual(JSON.parse(await suora('erase', '--email', byCli.email, '--json')).erased, [ids[1]]);

    // Stopping sends the digest still waiting.
    server!.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    assert.equal((await mailWith(dataDir, bystander.word)).length, 1, 'the digest went out');
    const needles = [...byHttp.needles, ...byCli.needles];
    assert.deepEqual(await findInDataDir(dataDir, needles), []);
    assert.deepEqual(await findInPostgres(database.url, needles), []);
  });

  it('the retention purge leaves nothing of an expired item’s giver in any table or file', async () => {
    const who = person('T');
    const store = await PostgresStore.open(database.url);
    try {
      const outbox = new Outbox(path.join(dataDir, 'outbox'));
      const item = feedbackItem({ createdAt: new Date(Date.now() - 600 * DAY).toISOString(), comment: who.comment, contact: who.contact, wantsReply: true, public: true,
        published: true, publishedComment: who.comment, pageUrl: `https://www.example.fi/${who.word}`,
        reply: { text: who.replyText, authorId: 'aino', at: new Date().toISOString() } });
      await store.addFeedback(item);
      new Notifier(store, createMailer({ smtpUrl: undefined, outbox, from: 's@example.fi' }), 'http://localhost').replyGiven(item, (await store.getOfficial('aino'))!, { corrected: false });
      await until(async () => (await mailWith(dataDir, who.reply)).length === 1, 'the reply mail');
      assert.ok((await findInPostgres(database.url, who.needles)).length > 0, 'precondition');
      assert.equal(await new PersonalData(store, { outbox, outboxRetentionDays: 100_000 }).purge(548), 1);
      assert.deepEqual(await findInDataDir(dataDir, who.needles), []);
      assert.deepEqual(await findInPostgres(database.url, who.needles), []);
      await assert.rejects(store.addFeedback({ ...feedbackItem(), createdAt: 'infinity' }), /cannot be read/, 'PostgreSQL takes no item without a readable time');
    } finally {
      await store.close();
    }
  });
});
