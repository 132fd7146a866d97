/** What a signature's markup may hold in its preview; `a` is shown as text styled as a link, so a look is not a visit. */
const KEEP: Record<string, string> = { table: 'table', tbody: 'tbody', tr: 'tr', td: 'td', a: 'span', span: 'span', b: 'b', strong: 'strong', br: 'br' };

/**
 * A signature's HTML as mail shows it, rebuilt as DOM from its parts: elements from a short
 * list, text as text, styles through the CSSOM (a `style` attribute would break the page's
 * CSP). Nothing of the markup runs, loads or is styled while read: it is read as XML (the
 * snippet is well-formed, its one HTML entity aside), whose elements are no HTML, and never
 * put in as HTML.
 */
export function signaturePreview(markup: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<root>${markup.replaceAll('&nbsp;', '&#160;')}</root>`, 'text/xml');
  const out = document.createDocumentFragment();
  if (parsed.querySelector('parsererror')) return out;
  for (const node of parsed.documentElement.childNodes) copy(node, out);
  return out;
}

function copy(node: Node, into: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    into.appendChild(document.createTextNode(node.textContent ?? ''));
    return;
  }
  if (!(node instanceof Element)) return;
  const tag = KEEP[node.localName];
  // An element off the list is left out, its text kept.
  const target = tag ? document.createElement(tag) : into;
  if (target instanceof HTMLElement) {
    for (const declaration of (node.getAttribute('style') ?? '').split(';')) {
      const [name, ...value] = declaration.split(':');
      if (name?.trim() && value.length) target.style.setProperty(name.trim(), value.join(':').trim());
    }
    const span = node.getAttribute('colspan');
    if (span && target instanceof HTMLTableCellElement) target.colSpan = Number(span);
    if (target instanceof HTMLTableElement) target.setAttribute('role', 'presentation');
  }
  for (const child of node.childNodes) copy(child, target);
  if (target !== into) into.appendChild(target);
}
