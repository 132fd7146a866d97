/**
 * Email addresses as people read them: an IDN domain's labels decoded from punycode
 * (RFC 3492), since browsers have no `domainToUnicode` and their URL parser gives only
 * ASCII. Its own module, apart from contact-details.ts, so that only the dashboard and the
 * server bundle it, not the feedback widget.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  for (; delta > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) delta = Math.floor(delta / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

function digitOf(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0–9 are 26–35
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  return BASE;
}

/** A label's Unicode form from its punycode (without `xn--`), or null when it is not valid punycode. */
function decodePunycode(encoded: string): string | null {
  const end = encoded.lastIndexOf('-');
  const output = end > 0 ? [...encoded.slice(0, end)].map((c) => c.codePointAt(0)!) : [];
  if (output.some((c) => c > 0x7f)) return null;
  let n = 0x80;
  let i = 0;
  let bias = 72;
  for (let pos = end > 0 ? end + 1 : 0; pos < encoded.length; ) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (pos >= encoded.length) return null;
      const digit = digitOf(encoded[pos++]!);
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (i > 0x10ffff * 64) return null;
    }
    bias = adapt(i - old, output.length + 1, old === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/**
 * A stored address as people read it: its domain in Unicode (`maija@ylöjärvi.fi` for
 * `maija@xn--yljrvi-dua6l.fi`). For showing only: mail goes to the stored ASCII form. A
 * label that is not valid punycode is shown as it is stored.
 */
export function emailForPeople(stored: string): string {
  const at = stored.lastIndexOf('@');
  if (at < 0) return stored;
  const labels = stored.slice(at + 1).split('.').map((label) => (/^xn--/i.test(label) ? (decodePunycode(label.slice(4)) ?? label) : label));
  return `${stored.slice(0, at + 1)}${labels.join('.')}`;
}
