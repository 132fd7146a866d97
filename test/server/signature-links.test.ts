import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLink, listLinks, revokeLink, rotateLink } from '../../server/src/domain/signature-links.js';
import { emailSnippetHtml, emailSnippetText, smsText } from '../../server/src/domain/signature-snippet.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('signature links', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  it('creates, lists, revokes and rotates links', async () => {
    const created = await createLink(server.store, 'server', { officialId: 'jussi' });
    assert.match(created.link.token, /^[A-Za-z0-9_-]{21}$/);
    assert.equal(created.link.serviceAreaId, 'vitality', 'the official’s own area by default');
    assert.equal(created.link.channel, 'email');
    const second = await createLink(server.store, 'server', { officialId: 'jussi', serviceAreaId: 'urban', channel: 'sms' });
    assert.equal(second.link.serviceAreaId, 'urban', 'an official may hold links for several areas');

    const jussis = await listLinks(server.store, { officialId: 'jussi' });
    assert.deepEqual(jussis.map((l) => l.id).sort(), [created.link.id, second.link.id].sort());

    const revoked = await revokeLink(server.store, 'server', second.link.token);
    assert.ok(revoked.revokedAt);

    const rotated = await rotateLink(server.store, 'server', created.link.token);
    assert.notEqual(rotated.link.token, created.link.token);
    assert.equal(rotated.link.officialId, 'jussi');
    assert.equal(rotated.link.serviceAreaId, 'vitality');
    assert.equal(rotated.link.channel, 'email');
    assert.ok((await server.store.getLinkByToken(created.link.token))?.revokedAt, 'rotation revokes the old token');

    await assert.rejects(createLink(server.store, 'server', { officialId: 'nobody' }), /no official "nobody"/);
    await assert.rejects(createLink(server.store, 'server', { officialId: 'jussi', channel: 'fax' }), /email or sms/);
  });

  it('never begins a token with - or _, which the command line would read as an option', async () => {
    // Two of nanoid's 64 characters: without the rule, about 1 in 32 tokens would begin with one.
    const tokens = await Promise.all(Array.from({ length: 300 }, async () => (await createLink(server.store, 'server', { officialId: 'aino' })).link.token));
    assert.deepEqual(tokens.filter((t) => /^[-_]/.test(t)), []);
  });

  it('makes an email snippet with exactly five rating links and no script, image or stylesheet', async () => {
    const details = await createLink(server.store, 'server', { officialId: 'aino' });
    const snippet = emailSnippetHtml('https://palaute.lahti.fi', details, 'CASE-7');
    const hrefs = [...snippet.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      hrefs,
      [1, 2, 3, 4, 5].map((r) => `https://palaute.lahti.fi/s/${details.link.token}?r=${r}&amp;ref=CASE-7`),
    );
    assert.doesNotMatch(snippet, /<script|<img|<link|<style|class=/i);
    assert.match(snippet, /^<table/);
    assert.match(snippet, /Miten onnistuimme\? \/ How did we do\?/);
    assert.match(emailSnippetText('https://palaute.lahti.fi', details), new RegExp(`/s/${details.link.token}$`));
  });

  it('makes an SMS text that fits one message in each language', async () => {
    const details = await createLink(server.store, 'server', { officialId: 'aino', channel: 'sms' });
    for (const [locale, text] of Object.entries(smsText('https://palaute.lahti.fi', details))) {
      assert.ok(text.length <= 160, `${text.length} characters: ${text}`);
      // The link opens the survey in the text's language.
      assert.match(text, new RegExp(`https://palaute.lahti.fi/s/${details.link.token}\\?lang=${locale}$`));
    }
  });
});

describe('the survey page and feedback through a link', () => {
  let server: TestServer;
  let token: string;
  let linkId: string;
  before(async () => {
    server = await startTestServer();
    const details = await createLink(server.store, 'server', { officialId: 'laura', channel: 'sms' });
    token = details.link.token;
    linkId = details.link.id;
  });
  after(() => server.close());

  it('GET and HEAD of the survey page, as a mail scanner makes them, store nothing', async () => {
    const before = (await server.store.queryFeedback({})).total;
    const page = await fetch(`${server.url}/s/${token}?r=5&ref=CASE-1`);
    assert.equal(page.status, 200);
    const body = await page.text();
    assert.match(body, /<suora-survey token="[^"]+"/);
    assert.match(body, /rating="5"/);
    assert.match(body, /ref="CASE-1"/);
    assert.equal((await fetch(`${server.url}/s/${token}?r=1`, { method: 'HEAD' })).status, 200);
    assert.equal((await fetch(`${server.url}/api/links/${token}`)).status, 200);
    assert.equal((await server.store.queryFeedback({})).total, before);
  });

  it('picks the page language from Accept-Language and ignores a bad r or ref', async () => {
    const page = await fetch(`${server.url}/s/${token}?r=9&ref=<script>`, { headers: { 'Accept-Language': 'sv-FI,sv;q=0.9,en;q=0.5' } });
    const body = await page.text();
    assert.match(body, /<html lang="sv">/);
    assert.doesNotMatch(body, /rating=/);
    assert.doesNotMatch(body, /<script>/);
  });

  it('tells who is asking', async () => {
    const info = (await (await fetch(`${server.url}/api/links/${token}`)).json()) as any;
    assert.deepEqual(info, {
      channel: 'sms',
      official: { name: 'Laura Nieminen', title: '' },
      serviceArea: { id: 'urban', name: { fi: 'Kaupunkiympäristö', sv: 'Stadsmiljö', en: 'Urban Environment' } },
    });
  });

  it('stores feedback through a link with the link’s channel, official, area, link and ref only', async () => {
    const { status, json } = await postFeedback(server.url, {
      token,
      press: 'pointer',
      rating: 4,
      ref: 'CASE-1',
      topic: 'business',
      official: 'aino',
      serviceArea: 'vitality',
    });
    assert.equal(status, 201);
    const stored = (await server.store.getFeedback(json.id))!;
    assert.equal(stored.channel, 'sms');
    assert.equal(stored.officialId, 'laura');
    assert.equal(stored.serviceAreaId, 'urban');
    assert.equal(stored.topicId, null);
    assert.equal(stored.linkId, linkId);
    assert.equal(stored.ref, 'CASE-1');
  });

  it('lets the same browser add a comment and change the rating with its edit key', async () => {
    const { json } = await postFeedback(server.url, { token, rating: 2, press: 'pointer' });
    const patch = (body: object) =>
      fetch(`${server.url}/api/feedback/${json.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await patch({ editKey: json.editKey, rating: 3, comment: 'Nopea vastaus.' })).status, 204);
    const stored = (await server.store.getFeedback(json.id))!;
    assert.equal(stored.rating, 3);
    assert.equal(stored.comment, 'Nopea vastaus.');
    assert.equal(stored.channel, 'sms');

    const wrongKey = await patch({ editKey: 'x'.repeat(21), comment: 'hijack' });
    assert.equal(wrongKey.status, 403);
    const attribution = await patch({ editKey: json.editKey, official: 'aino' });
    assert.equal(attribution.status, 400, 'attribution cannot be edited');
    assert.equal((await server.store.getFeedback(json.id))!.comment, 'Nopea vastaus.');
  });

  it('refuses edits after the edit window', async () => {
    const { json } = await postFeedback(server.url, { token, rating: 5, press: 'pointer' });
    const item = (await server.store.getFeedback(json.id))!;
    await server.store.updateFeedback({ ...item, editableUntil: new Date(Date.now() - 1000).toISOString() });
    const late = await fetch(`${server.url}/api/feedback/${json.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ editKey: json.editKey, rating: 1 }),
    });
    assert.equal(late.status, 410);
    assert.equal((await server.store.getFeedback(json.id))!.rating, 5);
  });

  it('answers 410 for a revoked link and 404 for an unknown or malformed one, offering the general widget', async () => {
    const { link } = await createLink(server.store, 'server', { officialId: 'laura' });
    await revokeLink(server.store, 'server', link.token);
    const before = (await server.store.queryFeedback({})).total;

    const revoked = await fetch(`${server.url}/s/${link.token}?r=5`, { headers: { 'Accept-Language': 'en' } });
    assert.equal(revoked.status, 410);
    const revokedPage = await revoked.text();
    assert.match(revokedPage, /no longer in use/);
    assert.match(revokedPage, /<suora-feedback/);

    const unknown = await fetch(`${server.url}/s/AAAAAAAAAAAAAAAAAAAAA`, { headers: { 'Accept-Language': 'en' } });
    const malformed = await fetch(`${server.url}/s/${'%2e%2e%2f'.repeat(3)}`, { headers: { 'Accept-Language': 'en' } });
    assert.equal(unknown.status, 404);
    assert.equal(malformed.status, 404);
    assert.equal(await unknown.text(), await malformed.text(), 'no hint whether a token exists');

    const post = await postFeedback(server.url, { token: link.token, rating: 5, press: 'pointer' });
    assert.equal(post.status, 410);
    assert.equal(post.json.error.code, 'link_revoked');
    assert.equal((await server.store.queryFeedback({})).total, before);
  });
});
