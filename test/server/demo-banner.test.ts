import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../../server/src/paths.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

/** What `suora demo` prints for a person, up to its last line, with `env` besides the test's own. */
async function demoBanner(env: Record<string, string>): Promise<{ text: string; dataDir: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'suora-demo-banner-'));
  const demo = spawn(process.execPath, [BIN, 'demo'], { env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const text = await new Promise<string>((resolve, reject) => {
      let printed = '';
      demo.stdout.on('data', (chunk) => {
        printed += String(chunk);
        if (printed.includes('Press Ctrl+C to stop.')) resolve(printed);
      });
      demo.stdout.once('end', () => reject(new Error(`the demo ended: ${printed}`)));
    });
    return { text, dataDir };
  } finally {
    demo.kill('SIGTERM');
    await new Promise((resolve) => demo.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('suora demo says where its mail and SMS go, each by its own setting', () => {
  it('with SMTP_URL set: mail through the mail server (its host, never its password), SMS to the outbox and the messages page', async () => {
    const { text, dataDir } = await demoBanner({ SMTP_URL: 'smtp://suora:Secret-pw@127.0.0.1:2525' });
    assert.match(text, /Email goes out through the mail server in SMTP_URL \(127\.0\.0\.1:2525\)\./);
    assert.doesNotMatch(text, /Email (and SMS )?that Suora sends go(es)? to/);
    assert.ok(text.includes(`SMS that Suora sends go to ${dataDir}/outbox/ and show on the messages page (set SMS_URL to send them).`));
    assert.match(text, /the SMS then shows on the messages page above/);
    assert.doesNotMatch(text, /Secret-pw/);
  });

  it('with SMS_URL set: SMS through the SMS centre, to a real phone; mail to the outbox', async () => {
    const { text, dataDir } = await demoBanner({ SMS_URL: 'smpp://suora:Secret-pw@127.0.0.1:2775' });
    assert.match(text, /SMS go out through the SMS centre in SMS_URL \(127\.0\.0\.1:2775\)\./);
    assert.ok(text.includes(`Email that Suora sends goes to ${dataDir}/outbox/ (set SMTP_URL to send it).`));
    assert.doesNotMatch(text, /shows on the messages page|show on the messages page/);
    assert.match(text, /goes to a real phone/);
    assert.doesNotMatch(text, /Secret-pw/);
  });
});
