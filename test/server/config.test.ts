import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_CITY_IDENTITY } from '../../server/src/city-identity.js';
import { MAX_PROXY_HOPS, readConfig } from '../../server/src/config.js';

const refused = (env: Record<string, string>, message: RegExp) => assert.throws(() => readConfig(env), message);

describe('settings are checked at start', () => {
  it('has safe defaults', () => {
    const config = readConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.trustProxy, undefined);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.mailFrom, 'suora@localhost', 'a bare address: mail goes in the city’s name');
    assert.deepEqual(config.identity, NO_CITY_IDENTITY);
    assert.equal(config.timeZone, 'Europe/Helsinki');
  });

  it('refuses SUORA_TRUST_PROXY=true and says to give the hop count or the addresses', () => {
    refused({ SUORA_TRUST_PROXY: 'true' }, /SUORA_TRUST_PROXY=true would let any client choose its own address.*number of proxies.*addresses/);
  });

  it('takes the trust-proxy forms Express knows, except true', () => {
    assert.equal(readConfig({ SUORA_TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(readConfig({ SUORA_TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(readConfig({ SUORA_TRUST_PROXY: 'false' }).trustProxy, 0);
    for (const name of ['loopback', 'linklocal', 'uniquelocal']) assert.deepEqual(readConfig({ SUORA_TRUST_PROXY: name }).trustProxy, [name]);
    assert.deepEqual(readConfig({ SUORA_TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,loopback,::1,fd12:3456::/32,::ffff:10.0.0.0/104' }).trustProxy, [
      '10.0.0.0/8',
      '192.0.2.7',
      'loopback',
      '::1',
      'fd12:3456::/32',
      '::ffff:10.0.0.0/104',
    ]);
    assert.equal(readConfig({ SUORA_TRUST_PROXY: String(MAX_PROXY_HOPS) }).trustProxy, MAX_PROXY_HOPS);
    for (const bad of ['yes', 'TRUE', '1.5', '-1', '10.0.0.0/33', '10.0.0/8', 'proxy.example.fi', '10.0.0.1,,', '192.0.2.1/8/1', 'all']) {
      refused({ SUORA_TRUST_PROXY: bad }, /SUORA_TRUST_PROXY.*(number of proxies|not a proxy address)/);
    }
  });

  it('refuses any trust-proxy value that still lets a client choose its address, or that Express cannot use', () => {
    // More hops than proxies: the extra ones are X-Forwarded-For entries the client wrote.
    for (const hops of [String(MAX_PROXY_HOPS + 1), '1000', '999999999']) {
      refused({ SUORA_TRUST_PROXY: hops }, new RegExp(`SUORA_TRUST_PROXY=${hops} trusts more proxies than a deployment has.*number of proxies`));
    }
    // Ranges that take in (nearly) every client, alone or together, IPv4-mapped ones by their IPv4 part.
    for (const broad of [
      '0.0.0.0/0',
      '::/0',
      '128.0.0.0/1,0.0.0.0/1',
      '10.0.0.0/7',
      '::ffff:0:0/96',
      '::ffff:0.0.0.0/97',
      '::ffff:10.0.0.0/103',
      '::/80',
      '::/1,8000::/1',
      '2000::/3',
      '2001:db8::/31',
      'loopback,0.0.0.0/0',
    ]) {
      refused({ SUORA_TRUST_PROXY: broad }, /SUORA_TRUST_PROXY: ".*" is too broad to be a proxy network.*number of proxies/);
    }
  });

  it('names the variable and what a valid value looks like, for every setting', () => {
    const cases: [string, string, RegExp][] = [
      ['PORT', '80a', /PORT must be a port number from 0 to 65535/],
      ['PORT', '1e3', /PORT must be a port number/],
      ['PORT', '70000', /PORT must be a port number/],
      ['PORT', ' 80', /PORT must be a port number/],
      ['SUORA_PUBLIC_URL', 'palaute.lahti.fi', /SUORA_PUBLIC_URL must be an http\(s\) origin such as https:\/\/palaute\.example\.fi/],
      ['SUORA_PUBLIC_URL', 'https://palaute.lahti.fi/suora', /SUORA_PUBLIC_URL must be an http\(s\) origin.*no path/],
      ['SUORA_ALLOWED_ORIGINS', 'https://www.lahti.fi,ftp://x', /SUORA_ALLOWED_ORIGINS must be an http\(s\) origin/],
      ['SUORA_FRAME_ANCESTORS', '*.lahti.fi', /SUORA_FRAME_ANCESTORS must be an http\(s\) origin/],
      ['SUORA_RATE_LIMIT', '0', /SUORA_RATE_LIMIT must be a whole number of submissions per minute, or "off"/],
      ['SUORA_RATE_LIMIT', '0x10', /SUORA_RATE_LIMIT must be a whole number/],
      ['SUORA_OPEN311_RATE_LIMIT', '-5', /SUORA_OPEN311_RATE_LIMIT must be a whole number of requests per minute, or "off"/],
      ['SUORA_RETENTION_DAYS', '1.5', /SUORA_RETENTION_DAYS must be a whole number of days/],
      ['DATABASE_URL', 'mysql://db/suora', /DATABASE_URL must be a PostgreSQL URL such as postgres:\/\//],
      ['DATABASE_URL', 'db.example.fi', /DATABASE_URL must be a PostgreSQL URL/],
      ['SMTP_URL', 'smtp.example.fi:587', /SMTP_URL must be an SMTP server URL such as smtps:\/\//],
      ['SMTP_URL', 'https://smtp.example.fi', /SMTP_URL must be an SMTP server URL/],
      ['SUORA_MAIL_FROM', 'Suora', /SUORA_MAIL_FROM must be an email address, optionally with a name/],
      ['SUORA_MAIL_FROM', 'Suora <palaute@lahti.fi>\r\nBcc: x@evil.example', /SUORA_MAIL_FROM must be an email address/],
      ['SUORA_MAIL_FROM', 'Suora <palaute@lahti.fi', /SUORA_MAIL_FROM must be an email address/],
      ['SUORA_TIME_ZONE', 'Europe/Lahti', /SUORA_TIME_ZONE must be an IANA time zone name such as Europe\/Helsinki, not "Europe\/Lahti"/],
      ['SUORA_TIME_ZONE', '+03:00', /SUORA_TIME_ZONE must be an IANA time zone name/],
      ['SUORA_TIME_ZONE', 'Helsinki', /SUORA_TIME_ZONE must be an IANA time zone name/],
      ['SMS_URL', 'sms.example.fi:2775', /SMS_URL must be an SMPP gateway URL such as smpp:\/\//],
      ['SMS_URL', 'https://sms.example.fi', /SMS_URL must be an SMPP gateway URL/],
      ['SMS_URL', 'smpp://u:p@sms.example.fi?sender=X', /SMS_URL must be an SMPP gateway URL/],
      ['SMS_URL', 'smpp://u:p@sms.example.fi?from=Lahden%20kaupunki', /up to 11 letters and digits/],
      ['SUORA_SMS_QUIET_DAYS', '0', /SUORA_SMS_QUIET_DAYS must be a whole number of days from 1 to 36500/],
      ['SUORA_SMS_QUIET_DAYS', '30d', /SUORA_SMS_QUIET_DAYS must be a whole number of days/],
    ];
    for (const [variable, value, message] of cases) refused({ [variable]: value }, message);
  });

  it('never repeats a URL that may hold a password', () => {
    for (const [variable, value] of [
      ['DATABASE_URL', 'mysql://suora:s3cret@db/suora'],
      ['SMTP_URL', 'http://user:s3cret@smtp.example.fi'],
      ['SMS_URL', 'http://user:s3cret@sms.example.fi'],
    ] as const) {
      assert.throws(() => readConfig({ [variable]: value }), (error: Error) => !error.message.includes('s3cret'));
    }
  });

  it('takes valid values as given', () => {
    const config = readConfig({
      PORT: '0',
      SUORA_PUBLIC_URL: 'https://palaute.lahti.fi/',
      DATABASE_URL: 'postgresql://suora:pw@db.lahti.fi:5432/suora',
      SMTP_URL: 'smtps://user:pw@smtp.lahti.fi:465',
      SUORA_MAIL_FROM: 'Lahden kaupunki <palaute@lahti.fi>',
      SUORA_RATE_LIMIT: 'off',
      SUORA_OPEN311_RATE_LIMIT: '600',
      SUORA_RETENTION_DAYS: '365',
      SUORA_TIME_ZONE: 'america/new_york',
    });
    assert.equal(config.port, 0);
    assert.equal(config.publicUrl, 'https://palaute.lahti.fi');
    assert.equal(config.databaseUrl, 'postgresql://suora:pw@db.lahti.fi:5432/suora');
    assert.equal(config.smtpUrl, 'smtps://user:pw@smtp.lahti.fi:465');
    assert.equal(config.mailFrom, 'Lahden kaupunki <palaute@lahti.fi>');
    assert.equal(readConfig({ SUORA_MAIL_FROM: 'palaute@lahti.fi' }).mailFrom, 'palaute@lahti.fi');
    assert.equal(config.rateLimit, 'off');
    assert.equal(config.open311RateLimit, 600);
    assert.equal(readConfig({}).open311RateLimit, 60);
    assert.equal(config.retentionDays, 365);
    assert.equal(config.timeZone, 'America/New_York', 'in its canonical spelling');
    assert.equal(config.smsUrl, undefined);
    assert.equal(config.smsQuietDays, 30);
    const sms = readConfig({ SMS_URL: 'smpp://suora:pw@sms.operaattori.fi:2775?from=LAHTI', SUORA_SMS_QUIET_DAYS: '14' });
    assert.equal(sms.smsUrl, 'smpp://suora:pw@sms.operaattori.fi:2775?from=LAHTI');
    assert.equal(sms.smsQuietDays, 14);
  });

  it('takes single sign-on with all three OIDC variables or none, an https issuer (http for localhost only) and a claim name', () => {
    const sso = { SUORA_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0', SUORA_OIDC_CLIENT_ID: 'suora', SUORA_OIDC_CLIENT_SECRET: 's3cret' };
    assert.equal(readConfig({}).oidc, undefined);
    assert.deepEqual(readConfig(sso).oidc, { issuer: sso.SUORA_OIDC_ISSUER, clientId: 'suora', clientSecret: 's3cret', emailClaim: 'email' });
    assert.equal(readConfig({ ...sso, SUORA_OIDC_EMAIL_CLAIM: 'preferred_username' }).oidc?.emailClaim, 'preferred_username');
    assert.equal(readConfig({ ...sso, SUORA_OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer, 'http://127.0.0.1:4000');
    refused({ SUORA_OIDC_ISSUER: sso.SUORA_OIDC_ISSUER }, /SUORA_OIDC_CLIENT_ID and SUORA_OIDC_CLIENT_SECRET missing/);
    refused({ ...sso, SUORA_OIDC_CLIENT_ID: '' }, /SUORA_OIDC_CLIENT_ID missing/);
    refused({ SUORA_OIDC_CLIENT_SECRET: 'x' }, /all set/);
    refused({ SUORA_OIDC_EMAIL_CLAIM: 'email' }, /SUORA_OIDC_EMAIL_CLAIM needs single sign-on/);
    for (const issuer of ['login.example.fi', 'http://login.example.fi', 'https://login.example.fi/?tenant=x', 'ftp://login.example.fi']) {
      refused({ ...sso, SUORA_OIDC_ISSUER: issuer }, /SUORA_OIDC_ISSUER must be the provider's https issuer URL/);
    }
    refused({ ...sso, SUORA_OIDC_EMAIL_CLAIM: 'email; drop' }, /SUORA_OIDC_EMAIL_CLAIM must be a claim name/);
    assert.throws(() => readConfig({ ...sso, SUORA_OIDC_ISSUER: 'nope' }), (error: Error) => !error.message.includes('s3cret'));
  });
});
