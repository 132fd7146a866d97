import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widget/src/index.js';
import type { FeedbackSubmission } from '../../contract/api.js';
import { FIELDS, type Field } from '../../widget/src/feedback/fields.js';
import type { SuoraFeedback } from '../../widget/src/feedback/suora-feedback.js';
import { TRANSLATIONS, type Translation } from '../../widget/src/shared/localize.js';
import { API, inShadow } from './helpers.js';

const TABLE: readonly Field[] = FIELDS;

/** Pasted as people paste them (no-break spaces, non-breaking hyphens, an en dash…), and what is sent. */
const PASTED = {
  phone: ['+358\u00a040\u00a0123\u00a04567', '+358401234567'],
  businessId: ['0112038\u20139', '0112038-9'],
  email: ['maija@ylöjärvi.fi', 'maija@xn--yljrvi-dua6l.fi'],
} as const;

const OTHER_PASTES: [keyof typeof PASTED, string, string][] = [
  ['phone', '040\u2011123\u20114567', '+358401234567'],
  ['phone', '(09) 123 4567', '+35891234567'],
  ['businessId', '01120389', '0112038-9'],
  ['email', 'maija\uff20example.fi\u200b', 'maija@example.fi'],
  // Direction marks that Android and WhatsApp put around a copied number.
  ['phone', '\u202A040 123 4567\u202C', '+358401234567'],
  ['phone', '\u2068+358\u200E 40 123 4567\u2069', '+358401234567'],
  ['phone', '\u0660\u0664\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667', '+358401234567'],
  ['phone', '\u06F0\u06F4\u06F0 \u06F1\u06F2\u06F3 \u06F4\u06F5\u06F6\u06F7', '+358401234567'],
];

function paste(el: SuoraFeedback, field: string, value: string) {
  const input = inShadow<HTMLInputElement>(el, `#${field}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
}

const submissionOf = (el: SuoraFeedback) => (el as unknown as { submission(): FeedbackSubmission }).submission();

describe('contact details as people paste them', () => {
  it('accepts pasted phone numbers, Business IDs and internationalised emails, and sends them in their stored form', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="business" lang="fi"></suora-feedback>`);
    // The business fields appear once the person turns to the form (the form does not grow by itself).
    el.shadowRoot!.querySelector<HTMLElement>('#comment')!.focus();
    await waitUntil(() => el.shadowRoot!.querySelector('#businessId'), 'business fields did not appear');
    paste(el, 'comment', 'Tarjouspyynnöt ovat hyvin esillä.');
    for (const [field, [pasted]] of Object.entries(PASTED)) paste(el, field, pasted);
    await el.updateComplete;
    expect(submissionOf(el).contact).to.deep.equal(Object.fromEntries(Object.entries(PASTED).map(([f, [, sent]]) => [f, sent])));

    inShadow(el, 'button[type=submit]').click();
    // Sending waits out the form's minimum fill time (a second) first.
    const done = () => el.shadowRoot!.querySelector('.error') ?? (el.shadowRoot!.textContent!.includes(TRANSLATIONS.fi.sentHeading) || null);
    await waitUntil(done, 'neither sent nor refused', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('.error')?.textContent).to.equal(undefined);
  });

  for (const [field, pasted, sent] of OTHER_PASTES) {
    it(`reads ${field} ${JSON.stringify(pasted)} as ${sent} with no error shown`, async () => {
      const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="business" lang="sv"></suora-feedback>`);
      // The business fields appear once the person turns to the form (the form does not grow by itself).
    el.shadowRoot!.querySelector<HTMLElement>('#comment')!.focus();
    await waitUntil(() => el.shadowRoot!.querySelector('#businessId'), 'business fields did not appear');
      paste(el, 'comment', 'Bra.');
      paste(el, field, pasted);
      inShadow(el, 'button[type=submit]').click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector(`#${field}-error`)).to.equal(null);
      expect((submissionOf(el).contact as Record<string, string>)[field]).to.equal(sent);
    });
  }
});

/** Sends the form and waits for the server's answer: sent, or an error shown. */
async function send(el: SuoraFeedback): Promise<void> {
  inShadow(el, 'button[type=submit]').click();
  // Sending waits out the form's minimum fill time (a second) first.
  const done = () => el.shadowRoot!.querySelector('.error') ?? (el.shadowRoot!.textContent!.includes(TRANSLATIONS.fi.sentHeading) || null);
  await waitUntil(done, 'neither sent nor refused', { timeout: 5000 });
}

describe('a comment as people paste it', () => {
  for (const [what, comment] of [
    ['a manual line break from Word (U+000B)', 'Katuvalo ei toimi.\u000BKorjatkaa pian.'],
    ['a line separator (U+2028)', 'Katuvalo ei toimi.\u2028Korjatkaa pian.'],
    ['direction marks around a copied number', 'Soittakaa \u202A040 123 4567\u202C, kiitos.'],
  ]) {
    it(`is sent with ${what}, with no error shown`, async () => {
      const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="streets" lang="fi"></suora-feedback>`);
      paste(el, 'comment', comment!);
      await send(el);
      expect(el.shadowRoot!.querySelector('.error')?.textContent).to.equal(undefined);
    });
  }

  it('with a control character that cannot be shown shows the server’s reason, not a length message', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="streets" lang="fi"></suora-feedback>`);
    paste(el, 'comment', 'Katuvalo\u0007 ei toimi.');
    await send(el);
    const shown = el.shadowRoot!.querySelector('#comment-error')?.textContent ?? '';
    expect(shown).to.not.equal(TRANSLATIONS.fi.errors.commentTooLong);
    expect(shown).to.contain('control characters');
  });
});

/** Loose shapes of an example inside a sentence: whatever a person would copy as one. */
const EXAMPLE: Record<string, RegExp> = {
  email: /[^\s]+@[^\s]+?(?=[.,;:)]?(?:\s|$))/g,
  phone: /[+(0-9][0-9 ()-]{5,}[0-9]/g,
  businessId: /\d[\d-]{5,}\d/g,
};

describe('the examples the form shows', () => {
  it('every example in a hint or error message, in every language, passes its own field’s check', () => {
    const read = TABLE.filter((field) => field.read);
    expect(read.map((f) => f.name)).to.have.members(Object.keys(EXAMPLE), 'a field that reads its value needs an example shape here');
    for (const [lang, t] of Object.entries(TRANSLATIONS) as [string, Translation][]) {
      for (const field of read) {
        const texts = [field.error && t.errors[field.error], field.hint && (t[field.hint] as string)].filter(Boolean) as string[];
        const examples = texts.flatMap((text) => text.match(EXAMPLE[field.name]!) ?? []);
        expect(examples, `${field.name} in ${lang}: no example in ${texts.join(' / ')}`).not.to.be.empty;
        for (const example of examples) expect(field.read!(example), `${field.name} in ${lang}: ${example}`).not.to.equal(null);
      }
    }
  });
});
