import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../widget/src/survey/index.js';
import type { SuoraSurvey } from '../../widget/src/survey/suora-survey.js';
import { activeInShadow, API, inShadow, LINK, text } from './helpers.js';

/** A first vote waits out the form's minimum fill time (a second) before it is sent. */
const VOTE_WAIT = { timeout: 5000 };

interface StoredItem {
  id: string;
  rating: number | null;
  comment: string | null;
  channel: string;
  officialId: string;
  serviceAreaId: string;
  ref: string | null;
}

/** What the real store holds for the test link. */
function stored(): Promise<StoredItem[]> {
  return executeServerCommand('link-feedback', { linkId: LINK.id }) as Promise<StoredItem[]>;
}

async function survey(rating?: number): Promise<SuoraSurvey> {
  const el = await fixture<SuoraSurvey>(
    html`<suora-survey api=${API} token=${LINK.token} rating=${rating ?? ''} ref="CASE-9" lang="en"></suora-survey>`,
  );
  await waitUntil(() => text(el).includes('Laura Nieminen'), 'who is asking was not shown');
  return el;
}

/** The element's box once two frames in a row leave it where it was. */
async function settledBox(element: Element): Promise<DOMRect> {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  let box = element.getBoundingClientRect();
  for (let i = 0; i < 50; i++) {
    await frame();
    await frame();
    const now = element.getBoundingClientRect();
    if (now.x === box.x && now.y === box.y && now.width === box.width && now.height === box.height) return now;
    box = now;
  }
  return box;
}

describe('<suora-survey>', () => {
  beforeEach(() => localStorage.clear());

  it('shows who asks under a real h1, preselects the rating, and records nothing without a person, even if scripts click', async () => {
    const before = (await stored()).length;
    const el = await survey(5);
    expect(text(el)).to.contain('You were served by');
    expect(text(el)).to.contain('Urban Environment');
    expect(inShadow(el, 'h1').textContent).to.equal('How did we do?');
    expect(inShadow<HTMLInputElement>(el, 'input[name=rating]:checked').value).to.equal('5');
    expect(el.shadowRoot!.querySelectorAll('button[type=submit], button.primary').length, 'one send button').to.equal(1);
    await expect(el).to.be.accessible();

    await aTimeout(3000); // a scanner that runs the page's scripts for a while
    inShadow<HTMLButtonElement>(el, 'button[type=submit]').click(); // and clicks what it finds
    inShadow<HTMLInputElement>(el, 'input[name=rating][value="1"]').click();
    inShadow<HTMLFormElement>(el, 'form').requestSubmit();
    await aTimeout(500);
    expect((await stored()).length).to.equal(before);
  });

  it('sends the rating and the comment with one press, then moves focus to the thank-you naming who it went to', async () => {
    const before = (await stored()).length;
    const el = await survey(4);
    inShadow(el, '#comment').focus();
    await sendKeys({ type: 'Quick and friendly answer.' });
    inShadow(el, 'button[type=submit]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'no thank-you', VOTE_WAIT);
    const items = await stored();
    expect(items.length).to.equal(before + 1);
    const vote = items.at(-1)!;
    expect(vote).to.include({ rating: 4, comment: 'Quick and friendly answer.', channel: 'email', officialId: 'laura', serviceAreaId: 'urban', ref: 'CASE-9' });
    expect(inShadow(el, '.reference').textContent).to.equal(vote.id);
    expect(activeInShadow(el)?.tagName, 'focus is on the thank-you heading').to.equal('H1');
    expect(text(el)).to.contain('Laura Nieminen');
    await expect(el).to.be.accessible();
  });

  it('changes the same feedback when the same browser sends again within 15 minutes, by keyboard alone', async () => {
    const before = (await stored()).length;
    const first = await survey(5);
    inShadow(first, 'button[type=submit]').focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => first.shadowRoot!.querySelector('.sent'), 'the first answer was not recorded', VOTE_WAIT);
    const id = (await stored()).at(-1)!.id;

    // "Change your answer" goes back to the form, focus on its heading.
    inShadow(first, 'button.change').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => activeInShadow(first)?.tagName === 'H1' && first.shadowRoot!.querySelector('form'), 'focus did not return to the form');

    // The person clicks another rating in the same email: a new page, the same browser.
    const second = await survey(2);
    inShadow<HTMLInputElement>(second, 'input[name=rating][value="2"]').focus();
    await sendKeys({ press: 'ArrowRight' }); // 3, a real key press
    expect((await stored()).length, 'choosing a rating sends nothing').to.equal(before + 1);
    inShadow(second, 'button[type=submit]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => second.shadowRoot!.querySelector('.sent'), 'the change was not recorded', VOTE_WAIT);
    const items = await stored();
    expect(items.length).to.equal(before + 1);
    expect(items.at(-1)).to.include({ id, rating: 3 });
  });

  it('asks for a confirming press, accessibly, when a press comes with no path to the button’s centre, and records the next', async () => {
    const before = (await stored()).length;
    const el = await survey(2);
    // In view (the page may be scrolled from an earlier test), and where it stays: a click
    // aimed at a box off screen, or one that then moves, would not land on its centre.
    const button = inShadow(el, 'button[type=submit]');
    button.scrollIntoView({ block: 'center' });
    const box = await settledBox(button);
    // DevTools' click: one jump to the centre, as a sandbox's browser presses.
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    await waitUntil(() => el.shadowRoot!.querySelector('button.check'), 'no confirming press was asked for');
    expect(text(el)).to.contain('To make sure a person is sending this');
    expect(activeInShadow(el)?.classList.contains('check'), 'focus is on the confirming button').to.equal(true);
    expect(inShadow(el, '[role=status], [aria-live]').textContent).to.contain('To make sure a person is sending this');
    await expect(el).to.be.accessible();
    expect((await stored()).length).to.equal(before);

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('.sent'), 'the confirmed answer was not recorded', VOTE_WAIT);
    expect((await stored()).at(-1)).to.include({ rating: 2, ref: 'CASE-9' });
    expect((await stored()).length).to.equal(before + 1);
  });
});
