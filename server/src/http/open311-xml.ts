/**
 * Open311's XML: a root element holding one element per record, each field an element of
 * its own, schemaless and without a namespace, as the spec writes it. JSON is the same
 * records as an array (the spec's Spark convention), so only XML needs writing by hand.
 */

export type XmlValue = string | number | boolean | null;

/** `<?xml …?><root><item><field>value</field>…</item>…</root>`; a null field is an empty element. */
export function xmlDocument(root: string, item: string, records: readonly Readonly<Record<string, XmlValue>>[]): string {
  const body = records.map((record) => `<${item}>${Object.entries(record).map(([name, value]) => element(name, value)).join('')}</${item}>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body.join('')}</${root}>\n`;
}

function element(name: string, value: XmlValue): string {
  return value === null ? `<${name}/>` : `<${name}>${xmlText(String(value))}</${name}>`;
}

/** Characters XML 1.0 cannot hold at all (controls other than tab and line breaks, lone surrogates, U+FFFE/FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as XML character data: `&` and `<` escaped, and `>` too, so that `]]>` cannot occur;
 * a carriage return as a reference, so that a parser does not turn it into a line feed; a
 * character XML cannot hold becomes U+FFFD, as a reader sees one that could not be decoded.
 */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' })[c]!);
}
