import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/src/index.js';
import '../../widget/src/public-feed/index.js';
import type { SuoraFeedback } from '../../widget/src/feedback/suora-feedback.js';
import { activeInShadow, API, DEAD_API, inShadow, topicsLoaded } from './helpers.js';

async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await sendKeys({ press: key });
}

/**
 * An ASP.NET WebForms city page: the whole page is one form, and its script presses the
 * form's default button on Enter unless the key was pressed in a textarea, a button or a link.
 */
class WebFormsPage {
  posts = 0;
  /** The keys the page's script saw. */
  keys: string[] = [];
  /** The keys whose keyup the page's form saw. */
  keyups: string[] = [];
  readonly form = document.createElement('form');

  constructor(widget: string) {
    this.form.innerHTML = `<input name="q" aria-label="Search"> ${widget} <input type="submit" id="default" value="Search">`;
    this.form.addEventListener('submit', (event) => (event.preventDefault(), this.posts++));
    document.addEventListener('keydown', this.fireDefaultButton);
    document.addEventListener('keypress', this.see);
    this.form.addEventListener('keyup', (event) => this.keyups.push(event.key));
    document.body.append(this.form);
  }

  private see = (event: KeyboardEvent) => this.keys.push(event.key);

  private fireDefaultButton = (event: KeyboardEvent) => {
    this.see(event);
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || ['textarea', 'button', 'a'].includes(target.localName)) return;
    if (target instanceof HTMLInputElement && target.type === 'submit') return;
    event.preventDefault();
    this.form.querySelector<HTMLInputElement>('#default')!.click();
  };

  widget<T extends HTMLElement = SuoraFeedback>(): T {
    return this.form.querySelector<T>('suora-feedback, suora-public-feed')!;
  }

  remove(): void {
    document.removeEventListener('keydown', this.fireDefaultButton);
    document.removeEventListener('keypress', this.see);
    this.form.remove();
  }
}

describe('key presses in the widget on a WebForms page', () => {
  let page: WebFormsPage;
  afterEach(() => page.remove());

  it('Enter in the comment makes a new line, and the page sees no key and posts nothing', async () => {
    page = new WebFormsPage(`<suora-feedback api=${API} topic="streets" lang="en"></suora-feedback>`);
    const el = page.widget();
    await el.updateComplete;
    inShadow(el, '#comment').focus();
    await sendKeys({ type: 'First line' });
    await press('Enter');
    await sendKeys({ type: 'second line' });
    expect(inShadow<HTMLTextAreaElement>(el, '#comment').value).to.equal('First line\nsecond line');
    expect(page.posts, 'the city page was posted').to.equal(0);
    expect(page.keys).to.deep.equal([]);
    expect(page.keyups).to.deep.equal([]);
  });

  it('Enter in a single-line field sends the widget’s own form, never the page’s', async () => {
    page = new WebFormsPage(`<suora-feedback api=${API} lang="en"></suora-feedback>`);
    const el = page.widget();
    await topicsLoaded(el);
    inShadow(el, '#email').focus();
    await sendKeys({ type: 'not an address' });
    await press('Enter');
    await waitUntil(() => activeInShadow(el)?.id === 'topic', 'the widget’s form was not sent: no field was marked');
    expect(inShadow(el, '#topic').getAttribute('aria-invalid')).to.equal('true');
    inShadow(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(page.posts, 'the city page was posted').to.equal(0);
    expect(page.keys).to.deep.equal([]);
  });

  it('arrows, Space and Enter on buttons stay in the widget; Tab, and Escape in the inline form, are the page’s too', async () => {
    page = new WebFormsPage(`<suora-feedback api=${API} topic="streets" lang="en"></suora-feedback>`);
    const el = page.widget();
    await el.updateComplete;
    inShadow<HTMLInputElement>(el, 'input[name=rating]').focus();
    await press('Space', 'ArrowRight', 'ArrowRight');
    expect(inShadow<HTMLInputElement>(el, 'input[name=rating]:checked').value).to.equal('3');
    inShadow(el, '.languages button[lang=fi]').focus();
    await press('Enter');
    await el.updateComplete;
    expect(el.lang).to.equal('fi');
    expect(page.posts, 'the city page was posted').to.equal(0);
    expect(page.keys).to.deep.equal([]);
    await press('Escape', 'Tab');
    expect(page.keys).to.deep.equal(['Escape', 'Tab']);
    expect(activeInShadow(el)?.getAttribute('lang'), 'Tab moved on').to.equal('sv');
  });

  it('in button mode, opens with Enter and closes with Escape without the page seeing either', async () => {
    page = new WebFormsPage(`<suora-feedback api=${API} topic="streets" lang="en" mode="button"></suora-feedback>`);
    const el = page.widget();
    await el.updateComplete;
    inShadow(el, 'button.open').focus();
    await press('Enter');
    const dialog = inShadow<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    inShadow(el, '#comment').focus();
    await sendKeys({ type: 'A' });
    await press('Enter');
    await sendKeys({ type: 'B' });
    expect(inShadow<HTMLTextAreaElement>(el, '#comment').value).to.equal('A\nB');
    await press('Escape');
    expect(dialog.open).to.equal(false);
    expect(page.posts, 'the city page was posted').to.equal(0);
    expect(page.keys).to.deep.equal([]);
    expect(page.keyups, 'the keyup of the Escape that closed the dialog').to.deep.equal([]);
    await press('Escape');
    expect(page.keys.concat(page.keyups), 'a later Escape is the page’s').to.deep.equal(['Escape', 'Escape']);
  });

  it('Enter in the public feed does not post the page', async () => {
    page = new WebFormsPage(`<suora-public-feed api=${DEAD_API} lang="en"></suora-public-feed>`);
    const feed = page.widget<HTMLElement>();
    await waitUntil(() => feed.shadowRoot!.querySelector('[role=alert] button'), 'no failure shown');
    feed.shadowRoot!.querySelector<HTMLElement>('#topic')!.focus();
    await press('ArrowDown'); // (Enter would open the select's popup, which outlives the test)
    feed.shadowRoot!.querySelector<HTMLElement>('[role=alert] button')!.focus();
    await press('Enter');
    expect(page.posts, 'the city page was posted').to.equal(0);
    expect(page.keys).to.deep.equal([]);
  });
});
