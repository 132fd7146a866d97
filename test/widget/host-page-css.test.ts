import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../widget/src/index.js';
import '../../widget/src/public-feed/index.js';
import { API } from './helpers.js';

/**
 * A city page's stylesheet, one declaration at a time: everything an element inherits that
 * sets text and its layout. The widget's boxes and these values must not move. (`direction`
 * and `visibility` are the page's, and so is the font family: the README says so. A vertical
 * `writing-mode` on the root lays the page, and so the element's box, across: that too is the page's.)
 */
const INHERITED = [
  'font-size: 62.5%',
  'font-size: 30px',
  'line-height: 1',
  'line-height: 40px',
  'font-style: italic',
  'font-weight: 900',
  'font-variant: small-caps',
  'font-variant-numeric: tabular-nums',
  'font-stretch: condensed',
  'font-kerning: none',
  'font-feature-settings: "smcp"',
  'font-size-adjust: 0.3',
  'font-synthesis: none',
  'white-space: nowrap',
  'white-space: pre',
  'text-transform: uppercase',
  'letter-spacing: 3px',
  'word-spacing: 12px',
  'text-align: right',
  'text-align: justify',
  'text-align-last: center',
  'text-indent: 40px',
  'text-shadow: 2px 2px red',
  'word-break: break-all',
  'overflow-wrap: anywhere',
  'hyphens: auto',
  'line-break: anywhere',
  'tab-size: 20',
  '-webkit-text-security: disc',
  '-webkit-text-fill-color: transparent',
  '-webkit-text-stroke-width: 1px',
  'color: red',
  'caret-color: red',
  'accent-color: red',
  'color-scheme: dark',
  'cursor: wait',
  'list-style-type: square',
  'quotes: none',
  'border-collapse: collapse',
  'text-underline-position: under',
  'text-emphasis-style: dot',
];

/** Where a page's rule can stand: the root, an ancestor, the element itself (a rule there beats :host), and with !important. */
const PLACES = [
  (d: string) => `html { ${d} }`,
  (d: string) => `.wrap { ${d} }`,
  (d: string) => `suora-feedback, suora-public-feed { ${d} }`,
  (d: string) => `div > * { ${d} !important }`,
];

/** Resets and global rules of old CMS themes: none may reach inside, nor change the element's box. */
const RESETS = [
  '.wrap *, .wrap *::before, .wrap *::after { box-sizing: content-box !important; margin: 0; padding: 0 }',
  'button, input, select, textarea, form, fieldset, label, p, h2, h3, dialog { all: unset }',
  'div > * { display: inline; margin: 0; padding: 0; border: 0; font: inherit }',
  'suora-feedback, suora-public-feed { display: inline-block }',
  'suora-feedback, suora-public-feed { display: flex; align-items: start }',
  'suora-feedback, suora-public-feed { display: grid }',
  'suora-feedback, suora-public-feed { float: left }',
  'suora-feedback, suora-public-feed { --_text: red; --_radius: 0 }',
  'suora-feedback, suora-public-feed { zoom: 0.5 }',
  'suora-feedback, suora-public-feed { zoom: 2 !important }',
];

interface Box {
  rect: number[];
  style: Record<string, string>;
}

const wraps = document.createElement('div');
const hostile = document.createElement('style');

function props(declaration: string): string[] {
  return ['font-size', 'line-height', declaration.split(':')[0]!.trim()];
}

/** Every element of the three widgets: its box (relative to its form or heading) and its computed `properties`. */
function boxes(properties: string[]): Map<string, Box> {
  const all = new Map<string, Box>();
  for (const host of wraps.querySelectorAll('suora-feedback, suora-public-feed')) {
    const origin = host.shadowRoot!.querySelector('form, h2')!.getBoundingClientRect();
    host.shadowRoot!.querySelectorAll('*').forEach((node, i) => {
      const r = node.getBoundingClientRect();
      if (!r.width && !r.height) return; // a closed select's options, a box of display: contents
      const style = getComputedStyle(node);
      // The floating button is placed in the viewport, everything else in the form.
      const { x, y } = node.matches('.open') ? { x: 0, y: 0 } : origin;
      all.set(`${host.localName}${host.getAttribute('mode') ?? ''} ${node.localName}.${node.className || i}`, {
        rect: [r.x - x, r.y - y, r.width, r.height],
        style: Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)])),
      });
    });
  }
  return all;
}

/** What differs from the plain page by more than a pixel, or at all in a computed value. */
function differences(rules: string, properties: string[]): string[] {
  hostile.textContent = '';
  const plain = boxes(properties);
  hostile.textContent = rules;
  const now = boxes(properties);
  hostile.textContent = '';
  return [...plain].flatMap(([name, was]) => {
    const is = now.get(name);
    if (!is) return [`${name} is gone`];
    const moved = was.rect.some((v, j) => Math.abs(v - is.rect[j]!) > 1);
    const restyled = properties.filter((p) => was.style[p] !== is.style[p]);
    return [
      ...(moved ? [`${name}: [${was.rect.map(Math.round)}] became [${is.rect.map(Math.round)}]`] : []),
      ...restyled.map((p) => `${name}: ${p} ${was.style[p]} became ${is.style[p]}`),
    ];
  });
}

describe('a host page’s CSS does not reach the widget', () => {
  before(async () => {
    await setViewport({ width: 375, height: 700 });
    document.head.append(hostile);
    wraps.innerHTML = `
      <div class="wrap"><suora-feedback api=${API} lang="en"></suora-feedback></div>
      <div class="wrap"><suora-feedback api=${API} lang="en" mode="button"></suora-feedback></div>
      <div class="wrap"><suora-public-feed api=${API} lang="en"></suora-public-feed></div>`;
    document.body.append(wraps);
    const [inline, button, feed] = wraps.querySelectorAll<HTMLElement>('suora-feedback, suora-public-feed');
    const loaded = (el: HTMLElement, selector: string) => () => el.shadowRoot?.querySelector(selector);
    await waitUntil(loaded(inline!, '#topic option:nth-child(2)'), 'the inline form’s topics did not load');
    // Open, not modal: the page stays measurable. The button's form asks for topics only once open.
    button!.shadowRoot!.querySelector('dialog')!.show();
    (button as LitElement).requestUpdate();
    await waitUntil(loaded(button!, '#topic option:nth-child(2)'), 'the dialog’s topics did not load');
    await waitUntil(loaded(feed!, 'ul, [role=status], [role=alert]'), 'the public feed did not load');
  });

  after(async () => {
    wraps.remove();
    hostile.remove();
    await setViewport({ width: 800, height: 600 });
  });

  for (const declaration of INHERITED) {
    it(`keeps every box and value under \`${declaration}\` on the root, an ancestor and the element`, () => {
      const found = PLACES.flatMap((place) => differences(place(declaration), props(declaration)).map((d) => `${place(declaration)} → ${d}`));
      expect(found.slice(0, 8)).to.deep.equal([]);
    });
  }

  it('keeps every box under global resets and rules on the element, and honours the page’s direction and visibility', () => {
    const found = RESETS.flatMap((rules) => differences(rules, ['font-size', 'line-height', 'box-sizing', 'color', 'border-radius']).map((d) => `${rules} → ${d}`));
    expect(found.slice(0, 8)).to.deep.equal([]);
    // A right-to-left page stays one; a hidden panel hides the widget too, and keeps it out of the tab order.
    hostile.textContent = '.wrap { direction: rtl; visibility: hidden }';
    const comment = wraps.querySelector('suora-feedback')!.shadowRoot!.querySelector('#comment')!;
    const { direction, visibility } = getComputedStyle(comment);
    hostile.textContent = '';
    expect({ direction, visibility }).to.deep.equal({ direction: 'rtl', visibility: 'hidden' });
  });

  it('draws no page underline or strike-through through the widget’s text', () => {
    // A decoration is drawn through the text of every in-flow descendant, inherited or not
    // (so no computed style shows it), and stops only at an atomic inline (an inline-block),
    // a float or an absolutely positioned box (CSS Text Decoration 3, 2.1). Every text of the
    // widget must have one between it and the page, whatever the page puts around the element.
    const shields = (node: Element) => {
      const { display, float, position } = getComputedStyle(node);
      return display.startsWith('inline-') || float !== 'none' || position === 'absolute' || position === 'fixed';
    };
    hostile.textContent = '.wrap, suora-feedback, suora-public-feed { text-decoration: underline line-through; display: block }';
    const unshielded: string[] = [];
    for (const host of wraps.querySelectorAll('suora-feedback, suora-public-feed')) {
      for (const node of host.shadowRoot!.querySelectorAll('*')) {
        if (!node.textContent!.trim() || node.children.length) continue;
        let box: Element | null = node;
        while (box && !shields(box)) box = box.parentElement;
        if (!box) unshielded.push(`${host.localName} ${node.localName}.${node.className}`);
      }
    }
    hostile.textContent = '';
    expect(unshielded.slice(0, 5)).to.deep.equal([]);
  });

  it('has no horizontal scroll at 320 px under all of these at once', async () => {
    await setViewport({ width: 320, height: 700 });
    const flowing = INHERITED.filter((d) => !d.startsWith('writing-mode'));
    hostile.textContent = `html { font-size: 62.5% } .wrap, suora-feedback, suora-public-feed { ${flowing.join('; ')} }`;
    const width = document.documentElement.scrollWidth;
    hostile.textContent = '';
    await setViewport({ width: 375, height: 700 });
    expect(width).to.be.at.most(320);
  });
});

/** Ancestors' CSS that makes an ancestor, not the viewport, place a `position: fixed` box, or clips or covers it. */
const ANCESTORS = [
  'transform: translateX(0)',
  'filter: blur(0)',
  'backdrop-filter: blur(1px)',
  'contain: paint',
  'contain: layout',
  'container-type: size',
  'perspective: 100px',
  'will-change: transform',
  'overflow: hidden',
];

describe('the floating button stays on screen', () => {
  for (const declaration of ANCESTORS) {
    it(`in the viewport’s corner, on top, inside a small box with \`${declaration}\` under a fixed overlay`, async () => {
      const page = document.createElement('div');
      page.innerHTML = `
        <div style="position: relative; z-index: 0; width: 200px; height: 40px; overflow: hidden; ${declaration}">
          <suora-feedback api=${API} lang="en" mode="button"></suora-feedback>
        </div>
        <div style="position: fixed; inset: 50% 0 0 0; z-index: 10"></div>`;
      document.body.append(page);
      try {
        const host = page.querySelector('suora-feedback')!;
        await waitUntil(() => host.shadowRoot?.querySelector('.open'), 'no button');
        const box = host.shadowRoot!.querySelector('.open')!.getBoundingClientRect();
        expect([Math.round(innerWidth - box.right), Math.round(innerHeight - box.bottom)], 'from the corner').to.deep.equal([16, 16]);
        // (Compared by name: chai's message for an element that differs takes the page down.)
        const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        expect(top === host ? 'the button' : top?.outerHTML.slice(0, 60), 'on top').to.equal('the button');
      } finally {
        page.remove();
      }
    });
  }
});
