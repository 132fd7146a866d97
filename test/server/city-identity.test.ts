import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../../server/src/config.js';

const identity = (env: Record<string, string>) => readConfig(env).identity;
const refused = (env: Record<string, string>, message: RegExp) => assert.throws(() => readConfig(env), message);
const LAHTI = { fi: 'Lahden kaupunki', sv: 'Lahtis stad', en: 'City of Lahti' };

describe('the city’s identity is checked at start', () => {
  it('takes the city’s name as one text for every language, or one per language', () => {
    assert.deepEqual(identity({ SUORA_CITY_NAME: ' Lahden kaupunki ' }).name, { fi: 'Lahden kaupunki', sv: 'Lahden kaupunki', en: 'Lahden kaupunki' });
    assert.deepEqual(identity({ SUORA_CITY_NAME: JSON.stringify(LAHTI) }).name, LAHTI);
    assert.equal(identity({ SUORA_CITY_NAME: '' }).name, undefined, 'empty: unset');
  });

  it('names the languages a JSON name lacks, and refuses ones Suora does not speak', () => {
    refused({ SUORA_CITY_NAME: '{"fi":"Lahden kaupunki"}' }, /SUORA_CITY_NAME needs a value in every language \(fi, sv, en\); sv and en missing/);
    refused({ SUORA_CITY_NAME: '{"fi":"Lahden kaupunki","sv":" ","en":"City of Lahti"}' }, /SUORA_CITY_NAME .*; sv missing/);
    refused({ SUORA_CITY_NAME: '{"fi":"Lahden kaupunki","sv":"Lahtis stad","en":"City of Lahti","se":"Lahtis"}' }, /SUORA_CITY_NAME: .*se is not one of them/);
    refused({ SUORA_CITY_NAME: '{"fi":"Lahden kaupunki",' }, /SUORA_CITY_NAME is not valid JSON.*"sv":"Lahtis stad"/);
    refused({ SUORA_CITY_NAME: '{"fi":1,"sv":"Lahtis stad","en":"City of Lahti"}' }, /fi missing/);
  });

  it('refuses a name that cannot stand in a header or a mail’s From: a line break, control characters, a page of text', () => {
    refused({ SUORA_CITY_NAME: 'Lahden kaupunki\r\nBcc: everyone@example.fi' }, /SUORA_CITY_NAME must be the city's name on one line/);
    refused({ SUORA_CITY_NAME: `{"fi":"Lahti\\u0007","sv":"Lahtis stad","en":"City of Lahti"}` }, /SUORA_CITY_NAME \(fi\) must be the city's name on one line/);
    refused({ SUORA_CITY_NAME: 'x'.repeat(101) }, /at most 100 characters/);
  });

  it('takes the logo as an https URL or a path on Suora’s own address; plain http only on this machine', () => {
    assert.equal(identity({ SUORA_LOGO_URL: 'https://www.lahti.fi/logo.svg' }).logoUrl?.sv, 'https://www.lahti.fi/logo.svg');
    assert.equal(identity({ SUORA_LOGO_URL: '/assets/lahti.svg' }).logoUrl?.fi, '/assets/lahti.svg');
    assert.equal(identity({ SUORA_LOGO_URL: 'http://localhost:8000/logo.svg' }).logoUrl?.en, 'http://localhost:8000/logo.svg');
    assert.deepEqual(identity({ SUORA_LOGO_URL: '{"fi":"/logo-fi.svg","sv":"/logo-sv.svg","en":"/logo-fi.svg"}' }).logoUrl, {
      fi: '/logo-fi.svg',
      sv: '/logo-sv.svg',
      en: '/logo-fi.svg',
    });
    for (const bad of ['http://www.lahti.fi/logo.svg', '//evil.example/logo.svg', '/\\evil.example/logo.svg', 'javascript:alert(1)', 'logo.svg', 'data:image/svg+xml,<svg/>', 'https://user:pw@www.lahti.fi/logo.svg']) {
      refused({ SUORA_LOGO_URL: bad }, /SUORA_LOGO_URL must be an https URL such as https:\/\/www\.example\.fi\/logo\.svg, or a path/);
    }
  });

  it('takes the privacy notice and the accessibility statement as http(s) URLs or paths, per language if need be', () => {
    const urls = identity({
      SUORA_PRIVACY_URL: '{"fi":"https://www.lahti.fi/tietosuoja","sv":"https://www.lahti.fi/sv/dataskydd","en":"https://www.lahti.fi/en/privacy"}',
      SUORA_ACCESSIBILITY_URL: 'http://intra.lahti.fi/saavutettavuus',
    });
    assert.deepEqual(urls.privacyUrl, { fi: 'https://www.lahti.fi/tietosuoja', sv: 'https://www.lahti.fi/sv/dataskydd', en: 'https://www.lahti.fi/en/privacy' });
    assert.equal(urls.accessibilityUrl?.sv, 'http://intra.lahti.fi/saavutettavuus');
    assert.equal(identity({ SUORA_PRIVACY_URL: '/tietosuoja' }).privacyUrl?.en, '/tietosuoja');
    for (const variable of ['SUORA_PRIVACY_URL', 'SUORA_ACCESSIBILITY_URL']) {
      for (const bad of ['javascript:alert(1)', 'ftp://www.lahti.fi/x', 'www.lahti.fi/tietosuoja', '//evil.example/', 'mailto:tietosuoja@lahti.fi']) {
        refused({ [variable]: bad }, new RegExp(`${variable} must be an http\\(s\\) URL such as https://www.example.fi/tietosuoja, or a path`));
      }
      refused({ [variable]: '{"fi":"https://www.lahti.fi/a","sv":"javascript:alert(1)","en":"https://www.lahti.fi/a"}' }, new RegExp(`${variable} \\(sv\\) must be`));
      refused({ [variable]: '{"fi":"https://www.lahti.fi/a"}' }, new RegExp(`${variable} needs a value in every language.*sv and en missing`));
    }
  });
});
