/** Debian's Chromium, headless, with the flags this closed network needs (tests and scripts share them). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * With these (and without puppeteer's `--enable-automation`), pages see no automation flag
 * (`navigator.webdriver` false), as in a person's own browser: for tests that act as a person.
 */
export const AS_A_PERSON_ARGS = ['--disable-blink-features=AutomationControlled'];

/**
 * The browser of a person in a Finnish city: Finnish first in `navigator.languages`, which the
 * dashboard follows until the person chooses (headless Chromium's own default is `en-US`).
 */
export const FINNISH_BROWSER_ARGS = ['--accept-lang=fi-FI,fi'];
