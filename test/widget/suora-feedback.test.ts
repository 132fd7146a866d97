import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widget/src/index.js';
import type { SuoraFeedback } from '../../widget/src/feedback/suora-feedback.js';
import { activeInShadow, API, DEAD_API, inShadow, LIMITED_API, text, topicsLoaded } from './helpers.js';

async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await sendKeys({ press: key });
}

async function sent(el: SuoraFeedback): Promise<string> {
  await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'no thank-you shown', { timeout: 5000 });
  return inShadow(el, '.reference').textContent!;
}

describe('<suora-feedback> inline', () => {
  it('renders the form with topics from the server, in the page’s language, with no axe violations', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API}></suora-feedback>`);
    await topicsLoaded(el);
    expect(inShadow(el, 'h2').textContent).to.equal('Anna palautetta');
    const options = [...el.shadowRoot!.querySelectorAll('#topic option')].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['Valitse aihe', 'Yritykset ja elinkeinopolitiikka', 'Työllisyys', 'Kadut']);
    expect(el.shadowRoot!.querySelectorAll('input[type=radio][name=rating]')).to.have.length(5);
    expect(inShadow(el, 'fieldset.rating legend').textContent).to.equal('Kuinka tyytyväinen olet?');
    expect(inShadow<HTMLInputElement>(el, 'input[name=visibility]').checked, 'private by default').to.equal(true);
    expect(text(el)).to.contain('4 000 merkkiä jäljellä');
    expect(text(el)).to.contain('Älä kirjoita arkaluonteisia henkilötietoja');
    expect(text(el)).to.contain('Julkisuuslain mukaan');
    await expect(el).to.be.accessible();
  });

  it('hides the topic picker when the page presets a topic, and asks businesses for their Business ID', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="business" lang="en"></suora-feedback>`);
    await aTimeout(200);
    expect(el.shadowRoot!.querySelector('#businessId'), 'the form does not grow by itself (layout shift)').to.equal(null);
    // They appear when the person turns to the form, an input that moves the page for a reason.
    inShadow(el, '#comment').focus();
    await waitUntil(() => el.shadowRoot!.querySelector('#businessId'), 'business fields did not appear');
    expect(el.shadowRoot!.querySelector('#topic')).to.equal(null);
    expect(inShadow(el, 'label[for=organisation]').textContent).to.equal('Company or organisation');
    await expect(el).to.be.accessible();

    const other = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="streets" lang="en"></suora-feedback>`);
    inShadow(other, '#comment').focus();
    await aTimeout(200);
    expect(other.shadowRoot!.querySelector('#businessId')).to.equal(null);
  });

  it('offers only the preset service area’s topics, with general feedback allowed', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} service-area="urban" lang="en"></suora-feedback>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('#topic option').length === 2);
    const options = [...el.shadowRoot!.querySelectorAll('#topic option')].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['General feedback', 'Streets']);
  });

  it('updates the character count as the person types, and says when the text is too long', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="streets" lang="en"></suora-feedback>`);
    inShadow(el, '#comment').focus();
    await sendKeys({ type: 'Hello' });
    await el.updateComplete;
    expect(inShadow(el, '#comment-count').textContent).to.equal('3,995 characters left');
    const textarea = inShadow<HTMLTextAreaElement>(el, '#comment');
    textarea.value = 'a'.repeat(4001);
    textarea.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(inShadow(el, '#comment-count').textContent).to.equal('1 character too many');
  });
});

describe('keyboard only', () => {
  it('completes and sends the form with Tab, arrows, Space and typing', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} lang="en"></suora-feedback>`);
    await topicsLoaded(el);
    const sentEvent = oneEvent(el, 'suora-sent');

    inShadow<HTMLButtonElement>(el, '.languages button').focus();
    await press('Tab', 'Tab', 'Tab');
    expect(activeInShadow(el)?.id).to.equal('topic');
    await press('ArrowDown', 'ArrowDown', 'ArrowDown');
    await el.updateComplete;
    expect(inShadow<HTMLSelectElement>(el, '#topic').value).to.equal('streets');

    await press('Tab');
    expect(activeInShadow(el)?.getAttribute('name')).to.equal('rating');
    await press('Space', 'ArrowRight', 'ArrowRight', 'ArrowRight');
    await el.updateComplete;
    expect(inShadow<HTMLInputElement>(el, 'input[name=rating]:checked').value).to.equal('4');

    await press('Tab');
    expect(activeInShadow(el)?.id).to.equal('comment');
    await sendKeys({ type: 'The new cycle lane is great.' });

    await press('Tab');
    expect(activeInShadow(el)?.getAttribute('name')).to.equal('visibility');
    await press('ArrowDown');
    await press('Tab');
    expect(activeInShadow(el)?.textContent).to.equal('How we handle your data (opens in a new tab)', 'the privacy notice, before the details');
    await press('Tab');
    expect(activeInShadow(el)?.id).to.equal('name');
    await sendKeys({ type: 'Mari' });
    await press('Enter');

    const reference = await sent(el);
    expect(reference).to.match(/^[2-9A-Z]{10}$/);
    const event = await sentEvent;
    expect(event.detail.id).to.equal(reference);
    expect(activeInShadow(el)?.textContent).to.equal('Thank you for your feedback!');
    expect(inShadow(el, '[role=status]').textContent).to.contain(reference);
    expect(document.cookie).to.equal('');
    await expect(el).to.be.accessible();
  });
});

describe('validation messages', () => {
  it('marks the missing topic, rating and comment, and focuses the first', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} lang="en"></suora-feedback>`);
    await topicsLoaded(el);
    inShadow(el, 'button[type=submit]').click();
    await el.updateComplete;
    await aTimeout(0);
    expect(inShadow(el, '#topic-error').textContent).to.equal('Choose a topic.');
    expect(inShadow(el, '#rating-error').textContent).to.equal('Give a rating or write a comment.');
    expect(inShadow(el, '#comment').getAttribute('aria-invalid')).to.equal('true');
    expect(inShadow(el, '#comment').getAttribute('aria-describedby')).to.contain('comment-error');
    expect(activeInShadow(el)?.id).to.equal('topic');
    await expect(el).to.be.accessible();
  });

  it('asks for an email for a reply, and for a valid one', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="streets" lang="en"></suora-feedback>`);
    inShadow<HTMLInputElement>(el, 'input[name=rating][value="3"]').click();
    inShadow<HTMLInputElement>(el, '.contact input[type=checkbox]').click();
    inShadow(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(inShadow(el, '#email-error').textContent).to.equal('To get a reply, give your email address.');

    inShadow(el, '#email').focus();
    await sendKeys({ type: 'mari@' });
    inShadow(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(inShadow(el, '#email-error').textContent).to.equal('Enter an email address like name@example.fi.');
  });

  it('shows the server’s verdict on a Business ID check digit next to the field, keeping the text', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} topic="business" lang="en"></suora-feedback>`);
    inShadow(el, '#comment').focus();
    await waitUntil(() => el.shadowRoot!.querySelector('#businessId'));
    await sendKeys({ type: 'Tender notices are hard to find.' });
    inShadow(el, '#businessId').focus();
    await sendKeys({ type: '1572860-1' });
    inShadow(el, 'button[type=submit]').click();
    // Sending waits out the form's minimum fill time (a second) first.
    await waitUntil(() => el.shadowRoot!.querySelector('#businessId-error'), 'no server error shown', { timeout: 5000 });
    expect(inShadow(el, '#businessId-error').textContent).to.contain('check digit');
    expect(inShadow<HTMLTextAreaElement>(el, '#comment').value).to.equal('Tender notices are hard to find.');
    expect(activeInShadow(el)?.id).to.equal('businessId');
    await expect(el).to.be.accessible();
  });
});

describe('languages', () => {
  it('follows its own lang, the page’s lang, and the language buttons', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="sv"><suora-feedback api=${API}></suora-feedback></div>`);
    const el = wrapper.querySelector('suora-feedback')!;
    await topicsLoaded(el);
    expect(inShadow(el, 'h2').textContent).to.equal('Ge respons');
    await waitUntil(() => text(el).includes('Företag och näringspolitik'), 'topics not in Swedish');

    inShadow<HTMLButtonElement>(el, '.languages button[lang=en]').click();
    await el.updateComplete;
    expect(inShadow(el, 'h2').textContent).to.equal('Give feedback');
    expect(inShadow(el, '.languages button[lang=en]').getAttribute('aria-pressed')).to.equal('true');
    await waitUntil(() => text(el).includes('Businesses and economic policy'), 'topics not reloaded in English');

    el.lang = 'fi';
    await el.updateComplete;
    expect(inShadow(el, 'button[type=submit]').textContent!.trim()).to.equal('Lähetä palaute');

    el.lang = 'de';
    await el.updateComplete;
    expect(inShadow(el, 'h2').textContent, 'a language we lack falls back to English').to.equal('Give feedback');
  });

  it('follows a change of the document’s lang', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API}></suora-feedback>`);
    document.documentElement.lang = 'sv';
    await waitUntil(() => inShadow(el, 'h2').textContent === 'Ge respons');
    document.documentElement.lang = 'fi';
  });
});

describe('when sending fails', () => {
  it('keeps everything typed, says what happened, and sends on retry', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${DEAD_API} topic="streets" lang="en"></suora-feedback>`);
    inShadow<HTMLInputElement>(el, 'input[name=rating][value="2"]').click();
    inShadow(el, '#comment').focus();
    await sendKeys({ type: 'The bus stop sign is missing.' });
    inShadow(el, '#email').focus();
    await sendKeys({ type: 'mari@example.com' });
    inShadow(el, 'button[type=submit]').click();

    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'no failure shown', { timeout: 5000 });
    expect(inShadow(el, '[role=alert]').textContent).to.contain('the connection failed');
    expect(inShadow<HTMLTextAreaElement>(el, '#comment').value).to.equal('The bus stop sign is missing.');
    expect(inShadow<HTMLInputElement>(el, '#email').value).to.equal('mari@example.com');
    expect(inShadow<HTMLInputElement>(el, 'input[name=rating]:checked').value).to.equal('2');
    await expect(el).to.be.accessible();

    el.api = API; // the network comes back
    await el.updateComplete;
    inShadow<HTMLButtonElement>(el, '[role=alert] button').click();
    expect(await sent(el)).to.match(/^[2-9A-Z]{10}$/);
  });
});

describe('past the rate limit', () => {
  it('says to wait a minute, keeps the text, and offers to try again', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${LIMITED_API} topic="streets" lang="en"></suora-feedback>`);
    inShadow(el, '#comment').focus();
    await sendKeys({ type: 'First' });
    inShadow(el, 'button[type=submit]').click();
    await sent(el);
    inShadow<HTMLButtonElement>(el, '.sent button').click();
    await el.updateComplete;
    inShadow(el, '#comment').focus();
    await sendKeys({ type: 'Second, too soon' });
    inShadow(el, 'button[type=submit]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'no message shown', { timeout: 5000 });
    expect(inShadow(el, '[role=alert]').textContent).to.contain('Wait a minute and try again');
    expect(inShadow<HTMLTextAreaElement>(el, '#comment').value).to.equal('Second, too soon');
    expect(el.shadowRoot!.querySelector('[role=alert] button')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<suora-feedback mode="button">', () => {
  it('opens the form in a modal dialog, labelled by its heading, and closes with Escape', async () => {
    const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} mode="button" lang="en"></suora-feedback>`);
    await aTimeout(100);
    expect(el.shadowRoot!.querySelectorAll('#topic option'), 'no topics until the dialog opens').to.have.length(1);
    const dialog = inShadow<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(false);
    const open = inShadow<HTMLButtonElement>(el, 'button.open');
    expect(open.textContent).to.equal('Give feedback');
    await expect(el).to.be.accessible();

    open.focus();
    await press('Enter');
    await el.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('heading');
    expect(activeInShadow(el)?.id).to.equal('heading');
    await topicsLoaded(el);
    await expect(el).to.be.accessible();

    await press('Escape');
    expect(dialog.open).to.equal(false);
  });
});

describe('<suora-feedback mode="button"> on a phone', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const width of [320, 360]) {
    it(`keeps the thank-you heading clear of the close button at ${width} px, in every language`, async () => {
      await setViewport({ width, height: 640 });
      for (const lang of ['fi', 'sv', 'en']) {
        const el = await fixture<SuoraFeedback>(html`<suora-feedback api=${API} mode="button" lang=${lang}></suora-feedback>`);
        inShadow(el, 'button.open').click();
        await topicsLoaded(el);
        const topic = inShadow<HTMLSelectElement>(el, '#topic');
        topic.value = 'streets';
        topic.dispatchEvent(new Event('change'));
        inShadow<HTMLInputElement>(el, 'input[name=rating][value="4"]').click();
        inShadow(el, 'button[type=submit]').click();
        await sent(el);
        const heading = inShadow(el, '.sent h2').getBoundingClientRect();
        const close = inShadow(el, 'button.close').getBoundingClientRect();
        const overlap = heading.right > close.left && heading.top < close.bottom && heading.bottom > close.top;
        expect(overlap, `${lang}: heading ${heading.left}–${heading.right}, close from ${close.left}`).to.equal(false);
        expect(activeInShadow(el)?.tagName, 'focus on the thank-you heading').to.equal('H2');
        await expect(el).to.be.accessible();
      }
    });
  }
});

describe('loading the script twice', () => {
  it('does not throw, and keeps the first definition', async () => {
    const first = customElements.get('suora-feedback');
    await import('../../widget/src/index.js?again=1' as string);
    await import('/dist/widget/suora.js' as string);
    await import('/dist/widget/suora.js?again=2' as string);
    expect(customElements.get('suora-feedback')).to.equal(first);
  });
});
