import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLink } from '../../server/src/domain/signature-links.js';
import { readSurveyLink } from '../../server/src/http/survey-link.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const T = 'V1StGXR8_Z5jdHi6B-myT';
const SUORA = 'https://palaute.lahti.fi';
const LINK = `${SUORA}/s/${T}?r=4&ref=CASE-7`;
const enc = encodeURIComponent;
/** Proofpoint URL Defense v2: percent-encoding (`-` and `_` too) with `-` for `%` and `_` for `/`. */
const proofpointV2 = (url: string) =>
  enc(url).replace(/%2F/g, '/').replace(/-/g, '%2D').replace(/_/g, '%5F').replace(/%/g, '-').replace(/\//g, '_');
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** How mail systems deliver `LINK`, each as the text that reaches the server or the address bar. */
const REWRITES: [string, string][] = [
  ['as sent', LINK],
  ['the path and query only', `/s/${T}?r=4&ref=CASE-7`],
  ['the query percent-encoded', `/s/${T}%3Fr%3D4%26ref%3DCASE-7`],
  ['the query encoded twice', `/s/${T}%253Fr%253D4%2526ref%253DCASE-7`],
  ['the whole link encoded as the path', `/s/${enc(LINK)}`],
  ['the whole link encoded twice as the path', `/s/${enc(enc(LINK))}`],
  ['lower-case escapes', `/s/${T}%3fr%3d4%26ref%3dCASE-7`],
  ['utm parameters added after', `${LINK}&utm_source=newsletter&utm_medium=email&utm_campaign=x`],
  ['unknown parameters before', `${SUORA}/s/${T}?utm_source=mail&fbclid=abc&r=4&ref=CASE-7`],
  ['a link-valued unknown parameter', `${LINK}&utm_content=${enc('https://example.com/s/aaaaaaaaaaaaaaaaaaaaa?r=1')}`],
  ['&amp; left from HTML', `${SUORA}/s/${T}?r=4&amp;ref=CASE-7`],
  ['a trailing slash on the token', `${SUORA}/s/${T}/?r=4&ref=CASE-7`],
  ['a fragment added', `${LINK}#section`],
  ['parameter names upper-cased', `${SUORA}/s/${T}?R=4&REF=CASE-7`],
  ['followed by ).', `${LINK}).`],
  ['followed by ,', `${LINK},`],
  ['followed by >', `<${LINK}>`],
  ['followed by a quote', `"${LINK}"`],
  ['followed by .', `${LINK}.`],
  ['followed by ; and a space', `${LINK}; `],
  ['Safe Links', `https://eur01.safelinks.protection.outlook.com/?url=${enc(LINK)}&data=05%7C02%7Cx%40lahti.fi%7C1&sdata=abc%3D&reserved=0`],
  ['Safe Links with the link not encoded', `https://eur01.safelinks.protection.outlook.com/?url=${LINK}&data=05%7C02&reserved=0`],
  ['Safe Links of an encoded link', `https://eur01.safelinks.protection.outlook.com/?url=${enc(enc(LINK))}&data=05`],
  ['Safe Links reaching Suora as the path', `/s/${enc(`https://eur01.safelinks.protection.outlook.com/?url=${enc(LINK)}&data=05`)}`],
  ['Proofpoint v2', `https://urldefense.proofpoint.com/v2/url?u=${proofpointV2(LINK)}&d=DwMFaQ&c=abc&r=xyz&m=1&s=2&e=`],
  ['Proofpoint v3', `https://urldefense.com/v3/__${LINK}__;!!Abc123!xYz$`],
  ['Proofpoint v3 with characters taken out', `https://urldefense.com/v3/__${SUORA}/s/${T}*r=4*ref=CASE-7__;${base64url('?&')}!!Abc!x$`],
  ['Google redirect', `https://www.google.com/url?q=${enc(LINK)}&sa=D&source=editors`],
  ['Mimecast-style url=', `https://protect-eu.mimecast.com/s/abc?domain=palaute.lahti.fi&url=${enc(LINK)}`],
  ['Safe Links around Proofpoint', `https://eur01.safelinks.protection.outlook.com/?url=${enc(`https://urldefense.com/v3/__${LINK}__;!!A!b$`)}&data=1`],
  ['&amp;amp; from HTML escaped twice', `${SUORA}/s/${T}?utm_source=x&amp;amp;r=4&amp;amp;ref=CASE-7`],
  ['&#38; from HTML', `${SUORA}/s/${T}?r=4&#38;ref=CASE-7`],
  ['quoted-printable left undecoded', `${SUORA}/s/${T}?r=3D4&ref=3DCASE-7`],
  ['Safe Links of a link with &amp;amp;', `https://eur01.safelinks.protection.outlook.com/?url=${enc(`${SUORA}/s/${T}?r=4&amp;amp;ref=CASE-7`)}&amp;data=1`],
];

/** Link rewriters as they wrap a link, to be nested in any order. */
const WRAPPERS: Record<string, (url: string) => string> = {
  'Safe Links': (url) => `https://eur01.safelinks.protection.outlook.com/?url=${enc(url)}&data=05%7C02%7Cx&reserved=0`,
  'Proofpoint v2': (url) => `https://urldefense.proofpoint.com/v2/url?u=${proofpointV2(url)}&d=DwMFaQ&c=abc&r=xyz&m=1&s=2&e=`,
  'Proofpoint v3': (url) => `https://urldefense.com/v3/__${url}__;!!Abc123!xYz$`,
  Google: (url) => `https://www.google.com/url?q=${enc(url)}&sa=D&source=editors`,
  Mimecast: (url) => `https://protect-eu.mimecast.com/s/abc?domain=palaute.lahti.fi&url=${enc(url)}`,
  Barracuda: (url) => `https://linkprotect.cudasvc.com/url?a=${enc(url).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}&c=E,1,x&typo=1`,
};
const NAMES = Object.keys(WRAPPERS);
const nested = (names: string[]) => names.reduceRight((url, name) => WRAPPERS[name]!(url), LINK);
/** Every ordered pair, and chains of three to five rewriters. */
const NESTINGS: string[][] = [
  ...NAMES.flatMap((outer) => NAMES.map((inner) => [outer, inner])),
  ['Safe Links', 'Proofpoint v2', 'Google'],
  ['Google', 'Mimecast', 'Proofpoint v2', 'Safe Links'],
  ['Barracuda', 'Proofpoint v3', 'Safe Links', 'Proofpoint v2', 'Google'],
  ['Proofpoint v2', 'Safe Links', 'Proofpoint v2', 'Mimecast', 'Barracuda'],
  ['Safe Links', 'Safe Links', 'Proofpoint v2', 'Proofpoint v2', 'Safe Links'],
];
for (const names of NESTINGS) REWRITES.push([names.join(' around '), nested(names)]);
REWRITES.push(
  ['Safe Links around Proofpoint v2, reaching Suora as the path', `/s/${enc(nested(['Safe Links', 'Proofpoint v2']))}`],
  ['the reviewer’s Safe Links around Proofpoint v2', WRAPPERS['Safe Links']!(`https://urldefense.proofpoint.com/v2/url?u=https-3A__palaute.lahti.fi_s_${proofpointV2(T)}-3Fr-3D4-26ref-3DCASE-2D7&d=DwMFaQ`)],
);

describe('reading a survey link as mail systems deliver it', () => {
  for (const [name, text] of REWRITES) {
    it(`keeps the token, rating and ref: ${name}`, () => {
      assert.deepEqual(readSurveyLink(text), { token: T, rating: 4, ref: 'CASE-7' }, text);
    });
  }

  it('keeps the token when the link ends in punctuation with no query', () => {
    for (const text of [`/s/${T}.`, `/s/${T}).`, `/s/${T},`, `<${SUORA}/s/${T}>`]) {
      assert.deepEqual(readSurveyLink(text), { token: T, rating: undefined, ref: undefined }, text);
    }
  });

  it('leaves out what cannot be read instead of guessing', () => {
    assert.deepEqual(readSurveyLink(`/s/${T}?r=45&ref=<script>`), { token: T, rating: undefined, ref: undefined });
    assert.deepEqual(readSurveyLink(`/s/${T}?r=0&ref=`), { token: T, rating: undefined, ref: undefined });
    assert.deepEqual(readSurveyLink(`/s/${T}?r=x4&ref=100%`), { token: T, rating: undefined, ref: undefined });
    for (const r of ['4.5', '4abc', '4e0', '04', '3D4', '4%20x', '４'])
      assert.equal(readSurveyLink(`/s/${T}?r=${r}&ref=CASE-7`).rating, undefined, r);
    // Only a query whose every value starts with `3D` reads as undecoded quoted-printable.
    assert.deepEqual(readSurveyLink(`/s/${T}?r=3D4&ref=CASE-7`), { token: T, rating: undefined, ref: 'CASE-7' });
    assert.deepEqual(readSurveyLink(`/s/${T}?r=3D45&ref=3DCASE-7`), { token: T, rating: undefined, ref: 'CASE-7' });
    assert.equal(readSurveyLink('/s/%2e%2e%2f%2e%2e%2f').token, undefined);
    assert.equal(readSurveyLink('/s/https%3A%2F%2Fexample.com').token, undefined);
    assert.equal(readSurveyLink('https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com&data=1').token, undefined);
  });
});

describe('the survey page reached through rewritten links', () => {
  let server: TestServer;
  let token: string;
  before(async () => {
    server = await startTestServer();
    token = (await createLink(server.store, 'server', { officialId: 'laura' })).link.token;
  });
  after(() => server.close());

  const page = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { 'Accept-Language': 'en' } });
    return { status: response.status, body: await response.text() };
  };

  it('shows the link’s survey with the rating and ref preselected, whatever the mail did to the link', async () => {
    const link = `${server.url}/s/${token}?r=4&ref=CASE-7`;
    for (const path of [
      `/s/${token}%3Fr%3D4%26ref%3DCASE-7`,
      `/s/${token}%253Fr%253D4%2526ref%253DCASE-7`,
      `/s/${token}?utm_source=newsletter&r=4&ref=CASE-7&utm_medium=email`,
      `/s/${token}?r=4&ref=CASE-7).`,
      `/s/${token}?r=4&ref=CASE-7,`,
      `/s/${token}?r=4&ref=CASE-7%3E`,
      `/s/${token}?r=4&amp;ref=CASE-7`,
      `/s/${token}?r=3D4&ref=3DCASE-7`,
      `/s/${token}?utm_source=x&amp;amp;r=4&amp;amp;ref=CASE-7`,
      `/s/${enc(`https://eur01.safelinks.protection.outlook.com/?url=${enc(`https://urldefense.proofpoint.com/v2/url?u=https-3A__palaute.example.fi_s_${proofpointV2(token)}-3Fr-3D4-26ref-3DCASE-2D7&d=DwMFaQ`)}&data=1`)}`,
      `/s/${token}.?r=4&ref=CASE-7`,
      `/s/${enc(`https://eur01.safelinks.protection.outlook.com/?url=${enc(link)}&data=05%7C02`)}`,
    ]) {
      const { status, body } = await page(path);
      assert.equal(status, 200, path);
      assert.match(body, new RegExp(`<suora-survey token="${token}"`), path);
      assert.match(body, /rating="4"/, path);
      assert.match(body, /ref="CASE-7"/, path);
    }
  });

  it('shows the form without a rating when r cannot be read, and the not-found page when the token cannot', async () => {
    for (const r of ['four', '4.5', '4abc']) {
      const noRating = await page(`/s/${token}?r=${r}&ref=CASE-7`);
      assert.equal(noRating.status, 200, r);
      assert.doesNotMatch(noRating.body, /rating=/, r);
      assert.match(noRating.body, /ref="CASE-7"/, r);
    }

    const unreadable = await page('/s/%E2%80%A6');
    assert.equal(unreadable.status, 404);
    assert.match(unreadable.body, /This survey link was not found/);
    assert.match(unreadable.body, /<suora-feedback/);
  });
});
