import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Outbox } from '../../server/src/mail/outbox.js';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { STORES } from '../helpers/both-stores.js';
import { createDatabase, psql, startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/smtp-peer.js';
import { request, signInWithLink, startSuora, suoraCommand, type SuoraProcess } from '../helpers/suora-process.js';

/** Made by the version before the production round, with its own code (test/fixtures/README.md). */
const FIXTURE = path.join(PACKAGE_ROOT, 'test/fixtures/upgrade-42ef350');
const OLD_EXPORT = JSON.parse(readFileSync(path.join(FIXTURE, 'exported.json'), 'utf8')) as Record<'lowdb' | 'postgres', any[]>;

// What make-old-fixtures.mjs added beside the old demo city.
const PUBLISHED = 'Vanha julkaistu palaute: torin pyörätelineet ovat rikki.';
const PUBLISHED_REPLY = 'Vanha vastaus: telineet korjataan.';
const PRIVATE = 'Vanha yksityinen palaute: lupa-asia kesken.';
const ERASED = 'Vanha poistettava palaute.';
const OLD_DEMO_OPEN = 'Hankintailmoituksia on vaikea löytää kaupungin sivuilta. Toivoisimme yhden koosteen.';

/** The fixtures' items age; a retention purge running during the test must not change them. */
const KEEP_EVERYTHING = { SUORA_RETENTION_DAYS: '36500' };

/** The fields an old item had, which today's server must still hold as they were. */
const KEPT = ['id', 'createdAt', 'ref', 'rating', 'comment', 'public', 'contact', 'wantsReply', 'locale', 'status', 'published', 'topicId', 'serviceAreaId', 'officialId', 'channel', 'linkId', 'publishedAt'];
const kept = (item: any) => Object.fromEntries(KEPT.map((field) => [field, item[field] ?? null]).concat([['reply', item.reply?.text ?? null]]));

for (const kind of STORES) {
  describe(`a ${kind} store written by the version before this round (42ef350) opens in today's server`, () => {
    const oldItems = OLD_EXPORT[kind === 'lowdb' ? 'lowdb' : 'postgres'];
    let dataDir: string;
    let database: ThrowawayPostgres | undefined;
    let env: Record<string, string>;
    let server: SuoraProcess;
    const cookies: Record<string, string> = {};
    const as = (who: string, method: string, route: string, body?: unknown) => request(server.url, method, route, { cookie: cookies[who], body });
    const inbox = async (who: string, query = '') => (await as(who, 'GET', `/api/me/feedback?pageSize=100${query}`)).json.items as any[];

    before(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'suora-upgrade-'));
      if (kind === 'lowdb') {
        await cp(path.join(FIXTURE, 'lowdb'), dataDir, { recursive: true });
        env = { SUORA_DATA_DIR: dataDir, ...KEEP_EVERYTHING };
      } else {
        database = await startPostgres();
        const url = await createDatabase(database.url, 'suora');
        await psql(url, '-f', path.join(FIXTURE, 'postgres.sql'));
        env = { DATABASE_URL: url, SUORA_DATA_DIR: dataDir, ...KEEP_EVERYTHING }; // the data directory holds the outbox
      }
      // Sign-in links from today's command line, made before the server holds the data directory.
      const links: Record<string, string> = {};
      for (const official of ['aino-virtanen', 'laura-nieminen', 'tiina-hamalainen']) {
        links[official] = JSON.parse(await suoraCommand(env, 'login-link', '--official', official, '--json')).url;
      }
      server = await startSuora(env);
      for (const [official, link] of Object.entries(links)) cookies[official] = await signInWithLink(server.url, link);
    });
    after(async () => {
      await server?.stop();
      await database?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('holds every item the old version held, as it held it, and not the erased one', async () => {
      assert.equal(oldItems.length, 20);
      assert.ok(!oldItems.some((item) => item.comment === ERASED), 'the old version erased it');
      const exported = JSON.parse(await suoraCommand(env, 'export', '--json')) as any[];
      assert.deepEqual(exported.map(kept), oldItems.map(kept));
      const admin = await as('tiina-hamalainen', 'GET', '/api/export.csv');
      assert.equal(admin.status, 200);
      for (const item of oldItems) assert.ok(admin.text.includes(item.id), `${item.id} in the CSV`);
    });

    it('keeps the officials, areas, topics and signature links, with nothing for an admin to fix', async () => {
      const { json: directory } = await as('tiina-hamalainen', 'GET', '/api/admin/directory');
      assert.equal(directory.officials.length, 8);
      assert.equal(directory.serviceAreas.length, 4);
      assert.equal(directory.topics.length, 6);
      assert.deepEqual(directory.problems, []);
      const aino = directory.officials.find((o: any) => o.id === 'aino-virtanen');
      assert.equal(aino.name, 'Aino Virtanen');
      assert.equal(aino.active, true);
      const { json: me } = await as('aino-virtanen', 'GET', '/api/me');
      assert.equal(me.official?.id ?? me.id, 'aino-virtanen');
      const { json: links } = await as('aino-virtanen', 'GET', '/api/me/links');
      assert.equal(links.links.length, 1);
      const token = new URL(links.links[0].url).pathname.split('/').pop()!;
      assert.equal(oldItems.filter((item) => item.linkId === links.links[0].id).length, 8, "Aino's old survey answers are on her link");
      const info = await request(server.url, 'GET', `/api/links/${token}`);
      assert.equal(info.status, 200);
      assert.match(info.text, /Aino Virtanen/);
      assert.equal((await fetch(`${server.url}/s/${token}`)).status, 200);
    });

    it('shows each official their old items, the published one with its reply, the private one with its contact details', async () => {
      const items = await inbox('aino-virtanen');
      assert.deepEqual(items.map((i) => i.id).sort(), oldItems.filter((i) => i.officialId === 'aino-virtanen').map((i) => i.id).sort());
      const published = items.find((i) => i.comment === PUBLISHED);
      const { json: full } = await as('aino-virtanen', 'GET', `/api/feedback/${published.id}`);
      assert.equal(full.reply.text, PUBLISHED_REPLY);
      assert.equal(full.published, true);
      const privateOne = items.find((i) => i.comment === PRIVATE);
      const { json: privateFull } = await as('aino-virtanen', 'GET', `/api/feedback/${privateOne.id}`);
      assert.equal(privateFull.contact.email, 'vanha.yksityinen@example.fi');
      assert.equal(privateFull.contact.phone, '+358401234567');
      assert.equal(privateFull.public, false);
    });

    it('publishes the old published items with their replies, and nothing private', async () => {
      const { json } = await request(server.url, 'GET', '/api/public/feedback?locale=fi');
      const shown = json.items.map((i: any) => i.comment);
      assert.ok(shown.includes(PUBLISHED));
      assert.equal(json.items.find((i: any) => i.comment === PUBLISHED).reply?.text ?? json.items.find((i: any) => i.comment === PUBLISHED).reply, PUBLISHED_REPLY);
      assert.ok(!shown.includes(PRIVATE));
      assert.equal(json.items.length, oldItems.filter((i) => i.published).length);
    });

    it('gives old items due dates, finds the overdue ones, and forwards, notes and replies to them', async () => {
      // An item from before response targets has no due date (contract/api.ts): it is never counted overdue.
      const items = await inbox('aino-virtanen', '&sort=due');
      assert.ok(items.every((i) => i.dueAt === null && i.overdue === false));
      assert.ok(items.some((i) => i.comment === OLD_DEMO_OPEN && i.status === 'new'));
      assert.deepEqual(await inbox('aino-virtanen', '&overdue=true'), []);

      const privateOne = items.find((i) => i.comment === PRIVATE);
      const note = await as('aino-virtanen', 'POST', `/api/feedback/${privateOne.id}/notes`, { text: 'Muistiinpano vanhaan palautteeseen.' });
      assert.equal(note.status, 201);
      const forwarded = await as('aino-virtanen', 'POST', `/api/feedback/${privateOne.id}/forward`, { official: 'laura-nieminen', note: 'Kuuluu sinulle.' });
      assert.equal(forwarded.status, 200, forwarded.text);
      assert.ok((await inbox('laura-nieminen')).some((i) => i.id === privateOne.id));
      assert.ok(!(await inbox('aino-virtanen')).some((i) => i.id === privateOne.id));
      const { json: history } = await as('laura-nieminen', 'GET', `/api/feedback/${privateOne.id}`);
      assert.deepEqual(history.history.map((e: any) => e.kind).filter((k: string) => k !== 'received'), ['note', 'forwarded']);

      const survey = items.find((i) => i.channel === 'email' && i.status === 'new');
      const replied = await as('aino-virtanen', 'PATCH', `/api/feedback/${survey.id}`, { status: 'answered', reply: 'Uusi vastaus vanhaan kyselyvastaukseen.' });
      assert.ok(replied.status < 300, replied.text);
      const { json: after } = await as('aino-virtanen', 'GET', `/api/feedback/${survey.id}`);
      assert.equal(after.reply.text, 'Uusi vastaus vanhaan kyselyvastaukseen.');
    });

    it('takes new feedback through the widget and through an old survey link, with a status page for the giver', async () => {
      const { json: links } = await as('aino-virtanen', 'GET', '/api/me/links');
      const token = new URL(links.links[0].url).pathname.split('/').pop()!;
      const viaLink = await request(server.url, 'POST', '/api/feedback', { body: { token, rating: 4, fillMs: 5000, press: 'pointer' } });
      assert.equal(viaLink.status, 201, viaLink.text);
      const sent = await request(server.url, 'POST', '/api/feedback', {
        body: { topic: 'yritykset', rating: 5, comment: 'Uusi palaute päivityksen jälkeen.', contact: { email: 'uusi.antaja@example.fi' }, locale: 'fi', fillMs: 5000 },
      });
      assert.equal(sent.status, 201, sent.text);
      // New items get due dates, and come first when sorted by them.
      const byDue = await inbox('aino-virtanen', '&sort=due');
      assert.deepEqual(new Set(byDue.slice(0, 2).map((i) => i.id)), new Set([viaLink.json.id, sent.json.id]));
      assert.ok(byDue.slice(0, 2).every((i) => typeof i.dueAt === 'string'));

      const outbox = new Outbox(path.join(dataDir, 'outbox'));
      let messages: Awaited<ReturnType<Outbox['messages']>> = [];
      const acknowledgement = await until(() => {
        void outbox.messages().then((m) => (messages = m));
        return messages.find((m) => m.to.includes('uusi.antaja@example.fi'));
      }, 'the acknowledgement');
      const key = /\/f\/([A-Za-z0-9_-]{21})/.exec(acknowledgement.text)![1]!;
      const status = await request(server.url, 'GET', `/api/status/${key}`);
      assert.equal(status.status, 200);
      assert.equal(status.json.id, sent.json.id);
    });

    it('starts again on what it wrote, with the changes made since the upgrade', async () => {
      await server.stop();
      server = await startSuora(env);
      const laura = JSON.parse(await suoraCommand(env, 'export', '--json')) as any[];
      const privateOne = laura.find((i) => i.comment === PRIVATE);
      assert.equal(privateOne.officialId, 'laura-nieminen');
      assert.equal(laura.length, oldItems.length + 2);
    });
  });
}
