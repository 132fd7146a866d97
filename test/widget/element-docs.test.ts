import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CSSResultGroup, LitElement } from 'lit';
import '../../widget/src/dashboard/index.js';
import '../../widget/src/index.js';
import '../../widget/src/public-feed/index.js';
import '../../widget/src/survey/index.js';
import { API, LINK } from './helpers.js';

function source(path: string): Promise<string> {
  return executeServerCommand('read-source', { path }) as Promise<string>;
}

interface Docs {
  attr: string[];
  event: string[];
  slot: string[];
  csspart: string[];
  cssproperty: string[];
}

/** The JSDoc tags of the class `name` in `file`: `@attr topic - …` gives `attr: ['topic']`. */
async function classDocs(file: string, name: string): Promise<Docs> {
  const text = await source(file);
  const comment = new RegExp(`/\\*\\*((?:(?!\\*/)[^])*)\\*/\\s*export class ${name}\\b`).exec(text)?.[1];
  expect(comment, `${file} has a JSDoc on ${name}`).to.be.a('string');
  const docs: Docs = { attr: [], event: [], slot: [], csspart: [], cssproperty: [] };
  for (const [, tag, value] of comment!.matchAll(/@(attr|event|slot|csspart|cssproperty)\s+(\S+)/g)) docs[tag as keyof Docs].push(value!);
  for (const list of Object.values(docs)) list.sort();
  return docs;
}

/** The custom properties a page may set: every `--suora-*` the element's styles read. */
function customProperties(styles: CSSResultGroup | undefined): string[] {
  const text = [styles].flat(Infinity as 1).map((s) => String((s as { cssText?: string })?.cssText ?? '')).join('\n');
  return [...new Set(text.match(/--suora-[a-z-]+/g) ?? [])].sort();
}

/** What the element renders into its own shadow root: its parts and slots. */
function rendered(...elements: LitElement[]): { parts: string[]; slots: string[] } {
  const parts = new Set<string>();
  const slots = new Set<string>();
  for (const el of elements) {
    for (const node of el.shadowRoot!.querySelectorAll('[part]')) node.getAttribute('part')!.split(/\s+/).forEach((p) => parts.add(p));
    for (const slot of el.shadowRoot!.querySelectorAll('slot')) slots.add(slot.name || '-');
  }
  return { parts: [...parts].sort(), slots: [...slots].sort() };
}

/** The events its sources dispatch. */
async function dispatched(...files: string[]): Promise<string[]> {
  const texts = await Promise.all(files.map(source));
  return [...new Set(texts.flatMap((t) => [...t.matchAll(/new CustomEvent\('([^']+)'/g)].map((m) => m[1]!)))].sort();
}

function attributes(tag: string): string[] {
  const ctor = customElements.get(tag) as unknown as { observedAttributes: string[] };
  return [...ctor.observedAttributes].sort();
}

function stylesOf(tag: string): CSSResultGroup | undefined {
  return (customElements.get(tag) as unknown as { styles?: CSSResultGroup }).styles;
}

/** Sets a protected reactive state and waits for the render, to see every state's markup. */
async function inPhase<T extends LitElement>(el: T, phase: string): Promise<T> {
  (el as unknown as { phase: string }).phase = phase;
  await el.updateComplete;
  return el;
}

describe('each element’s class JSDoc says what it renders', () => {
  it('<suora-feedback>: attributes, events, slots, parts and custom properties', async () => {
    const docs = await classDocs('widget/src/feedback/suora-feedback.ts', 'SuoraFeedback');
    const inline = await fixture<LitElement>(html`<suora-feedback api=${API} lang="en"></suora-feedback>`);
    const button = await fixture<LitElement>(html`<suora-feedback api=${API} mode="button" lang="en"></suora-feedback>`);
    const sent = await inPhase(await fixture<LitElement>(html`<suora-feedback api=${API} lang="en"></suora-feedback>`), 'sent');
    const { parts, slots } = rendered(inline, button, sent);
    expect(docs.attr).to.deep.equal(attributes('suora-feedback'));
    expect(docs.event).to.deep.equal(await dispatched('widget/src/feedback/suora-feedback.ts'));
    expect(docs.slot).to.deep.equal(slots);
    expect(docs.csspart).to.deep.equal(parts);
    expect(docs.cssproperty).to.deep.equal(customProperties(stylesOf('suora-feedback')));
  });

  it('<suora-survey>: attributes, events, slots, parts and custom properties', async () => {
    const docs = await classDocs('widget/src/survey/suora-survey.ts', 'SuoraSurvey');
    const editing = await fixture<LitElement>(html`<suora-survey api=${API} token=${LINK.token} lang="en"></suora-survey>`);
    await waitUntil(() => editing.shadowRoot!.textContent!.includes('Laura Nieminen'), 'who is asking was not shown');
    const sent = await inPhase(await fixture<LitElement>(html`<suora-survey api=${API} token=${LINK.token} lang="en"></suora-survey>`), 'sent');
    const { parts, slots } = rendered(editing, sent);
    expect(docs.attr).to.deep.equal(attributes('suora-survey'));
    expect(docs.event).to.deep.equal(await dispatched('widget/src/survey/suora-survey.ts', 'widget/src/feedback/suora-feedback.ts'));
    expect(docs.slot).to.deep.equal(slots);
    expect(docs.csspart).to.deep.equal(parts);
    expect(docs.cssproperty).to.deep.equal(customProperties(stylesOf('suora-survey')));
  });

  it('<suora-public-feed>: attributes, events, slots, parts and custom properties', async () => {
    const docs = await classDocs('widget/src/public-feed/suora-public-feed.ts', 'SuoraPublicFeed');
    const el = await fixture<LitElement>(html`<suora-public-feed api=${API} lang="en"></suora-public-feed>`);
    await waitUntil(() => el.shadowRoot!.querySelector('ul, .empty, .error, p'), 'the feed did not load');
    const { parts, slots } = rendered(el);
    expect(docs.attr).to.deep.equal(attributes('suora-public-feed'));
    expect(docs.event).to.deep.equal(await dispatched('widget/src/public-feed/suora-public-feed.ts'));
    expect(docs.slot).to.deep.equal(slots);
    expect(docs.csspart).to.deep.equal(parts);
    expect(docs.cssproperty).to.deep.equal(customProperties(stylesOf('suora-public-feed')));
  });

  it('<suora-dashboard>: attributes, events, slots, parts and custom properties', async () => {
    const docs = await classDocs('widget/src/dashboard/suora-dashboard.ts', 'SuoraDashboard');
    // Outside Suora's own page nobody is signed in: the dashboard says so, and renders its frame's parts, if any.
    const el = await fixture<LitElement>(html`<suora-dashboard lang="en"></suora-dashboard>`);
    await waitUntil(() => el.shadowRoot!.querySelector('h1, [role=alert]'), 'the dashboard did not settle');
    const { parts, slots } = rendered(el);
    const sources = await Promise.all(['widget/src/dashboard/suora-dashboard.ts', 'widget/src/dashboard/view.ts'].map(source));
    const writtenParts = [...new Set(sources.flatMap((t) => [...t.matchAll(/\spart="([^"]+)"/g)].map((m) => m[1]!)))].sort();
    expect(docs.attr).to.deep.equal(attributes('suora-dashboard'));
    expect(docs.event).to.deep.equal(await dispatched('widget/src/dashboard/suora-dashboard.ts'));
    expect(docs.slot).to.deep.equal(slots);
    expect(docs.csspart).to.deep.equal([...new Set([...parts, ...writtenParts])].sort());
    expect(docs.cssproperty).to.deep.equal(customProperties(stylesOf('suora-dashboard')));
  });
});

describe('the README follows the elements’ JSDoc', () => {
  it('lists <suora-feedback>’s attributes, custom properties and parts, and <suora-public-feed>’s attributes', async () => {
    const readme = await source('README.md');
    const feedback = await classDocs('widget/src/feedback/suora-feedback.ts', 'SuoraFeedback');
    const embedding = readme.slice(readme.indexOf('## Embedding the widget'));
    const table = embedding.slice(0, embedding.indexOf('\n\n', embedding.indexOf('| attribute |')));
    expect([...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).sort(), 'the attribute table').to.deep.equal(feedback.attr);
    const theming = embedding.slice(embedding.indexOf('**Theming**'), embedding.indexOf('\n\n', embedding.indexOf('**Theming**')));
    expect([...new Set(theming.match(/--suora-[a-z-]+/g))].sort(), 'the custom properties').to.deep.equal(feedback.cssproperty);
    expect([...theming.matchAll(/::part\(([a-z-]+)\)/g)].map((m) => m[1]).sort(), 'the parts').to.deep.equal(feedback.csspart);

    const feed = await classDocs('widget/src/public-feed/suora-public-feed.ts', 'SuoraPublicFeed');
    const line = /^Attributes: (.*)$/m.exec(readme.slice(readme.indexOf('<suora-public-feed')))![1]!;
    expect([...line.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).sort(), 'the public feed’s attributes').to.deep.equal(feed.attr);
  });
});
