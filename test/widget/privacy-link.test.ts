import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widget/src/index.js';
import '../../widget/src/survey/index.js';
import type { SuoraFeedback } from '../../widget/src/feedback/suora-feedback.js';
import type { SuoraSurvey } from '../../widget/src/survey/suora-survey.js';
import { API, LIMITED_API, LINK, PRIVACY, text, topicsLoaded } from './helpers.js';

const WORDS = {
  fi: 'Näin käsittelemme tietojasi (avautuu uuteen välilehteen)',
  sv: 'Så hanterar vi dina uppgifter (öppnas i en ny flik)',
  en: 'How we handle your data (opens in a new tab)',
};

function privacyLink(el: SuoraFeedback): HTMLAnchorElement | null {
  return el.shadowRoot!.querySelector<HTMLAnchorElement>('fieldset.contact a');
}

describe('the city’s privacy notice beside the contact details', () => {
  it('is linked in the form’s language, in a new tab that says so, and follows a change of language', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} lang="sv"></suora-feedback>`);
    await topicsLoaded(el);
    const link = privacyLink(el)!;
    expect(link, 'a link in the contact details').to.exist;
    expect(link.href).to.equal(PRIVACY.sv);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener');
    expect(link.textContent).to.equal(WORDS.sv);
    // Before the fields it is about.
    expect(link.compareDocumentPosition(el.shadowRoot!.querySelector('#name')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    await expect(el).to.be.accessible();

    el.lang = 'en';
    await waitUntil(() => privacyLink(el)?.href === PRIVACY.en, 'the English notice');
    expect(privacyLink(el)!.textContent).to.equal(WORDS.en);
    await expect(el).to.be.accessible();
  });

  it('is left out when the server names no privacy notice', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${LIMITED_API} lang="fi"></suora-feedback>`);
    await topicsLoaded(el);
    expect(privacyLink(el)).to.equal(null);
    expect(text(el)).not.to.include(WORDS.fi);
  });

  it('is linked on the survey too, in the survey’s language', async () => {
    const el = await fixture<SuoraSurvey>(html`<suora-survey api=${API} token=${LINK.token} lang="fi"></suora-survey>`);
    await waitUntil(() => text(el).includes('Laura Nieminen'), 'who is asking was not shown');
    await waitUntil(() => privacyLink(el), 'the privacy link');
    expect(privacyLink(el)!.href).to.equal(PRIVACY.fi);
    expect(privacyLink(el)!.textContent).to.equal(WORDS.fi);
    await expect(el).to.be.accessible();
  });
});
