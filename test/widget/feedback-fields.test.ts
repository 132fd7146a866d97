import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widget/src/index.js';
import type { FeedbackSubmission } from '../../contract/api.js';
import { FIELDS, isContact, type Field } from '../../widget/src/feedback/fields.js';
import type { SuoraFeedback } from '../../widget/src/feedback/suora-feedback.js';
import { TRANSLATIONS } from '../../widget/src/shared/localize.js';
import { API, inShadow } from './helpers.js';

const TABLE: readonly Field[] = FIELDS;
const INPUTS = TABLE.filter(isContact);
/** A value each input takes, by its kind. */
const VALID: Record<string, string> = { text: 'Hanna Rinne', email: 'hanna@example.fi', tel: '+358 40 123 4567' };

describe('the feedback form’s table of fields', () => {
  it('renders every input in the table with its label, type, autocomplete and hint, in every language', async () => {
    for (const lang of Object.keys(TRANSLATIONS) as (keyof typeof TRANSLATIONS)[]) {
      const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="business" lang=${lang}></suora-feedback>`);
      inShadow(el, '#comment').focus();
      await waitUntil(() => el.shadowRoot!.querySelector('#businessId'), 'business fields did not appear');
      for (const field of INPUTS) {
        const input = inShadow<HTMLInputElement>(el, `input[data-field="${field.name}"]`);
        expect(input.id).to.equal(field.name);
        expect(input.type).to.equal(field.kind);
        expect(input.autocomplete).to.equal(field.autocomplete);
        const label = inShadow(el, `label[for="${field.name}"]`).textContent!;
        expect(label, `${field.name} in ${lang}`).to.equal(TRANSLATIONS[lang][field.name as keyof (typeof TRANSLATIONS)['en']]);
        if (field.hint) expect(inShadow(el, `#${field.name}-hint`).textContent).to.equal(TRANSLATIONS[lang][field.hint]);
      }
    }
  });

  it('sends each field at its server path, trimmed (a contact detail as its reader stores it), and keeps the business fields to the business topic', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="business" lang="en"></suora-feedback>`);
    inShadow(el, '#comment').focus();
    await waitUntil(() => el.shadowRoot!.querySelector('#businessId'), 'business fields did not appear');
    for (const field of INPUTS) {
      const input = inShadow<HTMLInputElement>(el, `#${field.name}`);
      input.value = ` ${field.name === 'businessId' ? '1572860-0' : VALID[field.kind]} `;
      input.dispatchEvent(new InputEvent('input'));
    }
    const submission = (el as unknown as { submission(): FeedbackSubmission }).submission() as unknown as Record<string, Record<string, string>>;
    for (const field of INPUTS) {
      const [key, inner] = (field.server ?? field.name).split('.') as [string, string];
      const typed = field.name === 'businessId' ? '1572860-0' : VALID[field.kind]!;
      expect(submission[key]![inner], field.name).to.equal(field.read ? field.read(typed) : typed);
    }
    expect(submission.wantsReply).to.equal(false);
    expect(submission.public).to.equal(false);
    expect(submission).not.to.have.property('website');

    el.topic = 'streets';
    await el.updateComplete;
    const withoutBusiness = (el as unknown as { submission(): FeedbackSubmission }).submission();
    for (const field of TABLE.filter((f) => f.business)) expect(withoutBusiness.contact).not.to.have.property(field.name);
  });
});
