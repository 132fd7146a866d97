import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { Outbox } from '../../server/src/mail/outbox.js';
import { launchChromium, pageText, preparedPage } from '../helpers/dashboard-page.js';
import { assertAxeClean, assertNoOverflow } from '../helpers/page-checks.js';
import { until } from '../helpers/smtp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { feedbackItem } from '../store-contract/contract.js';

// One long word: the reply must wrap at 320 px, not scroll sideways.
const REPLY = 'Kiitos! Korjaamme valaistuksen ensi viikolla. Lisätietoja: https://www.lahti.example/kadut/valaistus/korjaukset/2026/marraskuu/kauppakatu';

describe('the giver’s status page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The status link in the acknowledgement the outbox holds for `email`. */
  async function statusLinkFor(email: string): Promise<string> {
    const outbox = new Outbox(path.join(server.dataDir, 'outbox'));
    let messages: Awaited<ReturnType<Outbox['messages']>> = [];
    const found = await until(() => {
      void outbox.messages().then((m) => (messages = m));
      return messages.find((m) => m.to.includes(email));
    }, `the acknowledgement to ${email}`);
    return new RegExp(`${server.url}/f/[A-Za-z0-9_-]{21}`).exec(found.text)![0];
  }

  async function openPage(language: string): Promise<Page> {
    const page = await preparedPage(browser.defaultBrowserContext());
    await page.setViewport({ width: 320, height: 640 });
    await page.setExtraHTTPHeaders({ 'Accept-Language': language });
    return page;
  }

  async function assertAccessibleAt320(page: Page, where: string): Promise<void> {
    await assertAxeClean(page, where);
    await assertNoOverflow(page, `${where} at 320 px`);
  }


  const textOf = (page: Page) => page.evaluate(() => (globalThis as any).document.body.innerText as string);

  it('shows the status and, once sent, the city’s reply: never the contact data, the comment or who handles it; 404 after erasure', async () => {
    const { json } = await postFeedback(server.url, {
      topic: 'streets',
      rating: 2,
      comment: 'Katuvalo on rikki Kauppakadulla, soita Pekalle.',
      contact: { name: 'Pekka Puhelin', email: 'pekka@example.com', phone: '+358 40 765 4321' },
      wantsReply: true,
    });
    const link = await statusLinkFor('pekka@example.com');
    // The browser prefers English; the page speaks the feedback's own language.
    const page = await openPage('en');
    const response = await page.goto(link);
    assert.equal(response?.status(), 200);
    assert.equal(await page.evaluate(() => (globalThis as any).document.documentElement.lang), 'fi');
    let text = await textOf(page);
    assert.match(text, /Palautteesi tila/);
    assert.match(text, new RegExp(json.id));
    assert.match(text, /Kadut/);
    assert.match(text, /Vastaanotettu, odottaa käsittelyä/);
    assert.match(text, /Käsittelyn tavoite\s+\S+ \d{1,2}\.\d{1,2}\.20\d\d/);
    assert.match(text, /Vastausta ei ole vielä annettu\./);
    await assertAccessibleAt320(page, 'the status page');

    const laura = await signInAs(server, 'laura');
    assert.equal((await asStaff(server, laura, 'PATCH', `/api/feedback/${json.id}`, { reply: REPLY })).status, 200);
    await page.reload();
    text = await textOf(page);
    assert.match(text, /Vastattu/);
    assert.ok(text.includes(REPLY), text);
    for (const secret of ['Pekka', 'pekka@example.com', '765 4321', 'Katuvalo on rikki', 'Laura', 'laura@example.fi']) {
      assert.ok(!(await page.content()).includes(secret), `the page shows ${secret}`);
    }
    await assertAccessibleAt320(page, 'the status page with a reply');
    // The same in Swedish when asked for.
    await page.goto(`${link}?lang=sv`);
    assert.match(await textOf(page), /Status för din respons[\s\S]*Besvarad/);

    const tiina = await signInAs(server, 'tiina');
    assert.deepEqual((await asStaff(server, tiina, 'POST', '/api/admin/erase', { id: json.id })).json.erased, [json.id]);
    const gone = await page.goto(link);
    assert.equal(gone?.status(), 404);
    assert.equal(await page.evaluate(() => (globalThis as any).document.documentElement.lang), 'en');
    assert.match(await textOf(page), /Feedback not found/);
    await assertAccessibleAt320(page, 'the 404 page');
    await page.close();
  });

  it('shows a reply the giver was not sent only once it is published, as published', async () => {
    const { json } = await postFeedback(server.url, {
      topic: 'streets',
      rating: 4,
      public: true,
      locale: 'sv',
      contact: { email: 'anna@example.com' },
    });
    const link = await statusLinkFor('anna@example.com');
    const laura = await signInAs(server, 'laura');
    await asStaff(server, laura, 'PATCH', `/api/feedback/${json.id}`, { reply: 'Tack, Anna Andersson! Vi åtgärdar det.' });
    const page = await openPage('fi');
    await page.goto(link);
    assert.match(await textOf(page), /Det finns inget svar ännu\./);
    await asStaff(server, laura, 'PUT', `/api/feedback/${json.id}/publication`, { reply: 'Tack! Vi åtgärdar det.' });
    await page.reload();
    const text = await textOf(page);
    assert.match(text, /Tack! Vi åtgärdar det\./);
    assert.ok(!text.includes('Anna Andersson'));
    const api: any = await (await fetch(`${server.url}/api/status/${link.split('/f/')[1]}`)).json();
    assert.deepEqual(Object.keys(api).sort(), ['createdAt', 'dueAt', 'id', 'locale', 'reply', 'status', 'timeZone', 'topic']);
    assert.equal(api.reply.text, 'Tack! Vi åtgärdar det.');
    const unknown = await fetch(`${server.url}/api/status/${'x'.repeat(21)}`);
    assert.equal(unknown.status, 404);
    await page.close();
  });

  it('shows officials the due date in the inbox and the detail, overdue said in words, and filters and orders by it', async () => {
    const late = feedbackItem({ id: 'LATE000001', officialId: 'laura', topicId: 'streets', serviceAreaId: 'urban', status: 'new', dueAt: '2026-01-12T21:59:59.999Z' });
    await server.store.addFeedback(late);
    const page = await openPage('fi');
    const [name, value] = (await signInAs(server, 'laura')).split('=');
    await page.setCookie({ name: name!, value: value!, url: server.url });
    const deepText = () => pageText(page);
    const waitFor = async (what: RegExp) => {
      for (let i = 0; i < 100 && !what.test(await deepText()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.match(await deepText(), what);
    };
    await page.goto(`${server.url}/dashboard#inbox`);
    await waitFor(/Eräpäivä ma 12\.1\.2026\s*Myöhässä/);
    await page.setViewport({ width: 1280, height: 800 });
    await assertAxeClean(page, 'the inbox with its due dates');
    await page.goto(`${server.url}/dashboard#feedback/${late.id}`);
    await waitFor(/Eräpäivä\s*ma 12\.1\.2026\s*Myöhässä/);
    await page.close();
  });
});
