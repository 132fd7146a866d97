import { REF_PATTERN } from '../domain/validation.js';

/** What a survey link (`/s/TOKEN?r=4&ref=CASE-7`) says, read from however it reached the server. */
export interface SurveyLink {
  /** Undefined when no token can be read: the server shows the "link not found" page. */
  token: string | undefined;
  /** 1–5, or undefined: the form shows no rating chosen. */
  rating: number | undefined;
  ref: string | undefined;
}

/**
 * Enough rounds for a link wrapped by five rewriters in any order, each encoding what it wraps
 * (one round to unwrap and one to decode per wrapping), with a few more encodings on top.
 */
const MAX_ROUNDS = 16;
/** `/s/TOKEN` then the rest; a token is at least 10 characters (they are 21), not a scheme (`/s/https:`). */
const SURVEY_PATH = /\/s\/([A-Za-z0-9_-]{10,64})(?![A-Za-z0-9_:-])/g;
/** `%` escapes of what structures a URL (`/ ? = & % : #`): seen where a whole link was encoded as one value. */
const ENCODED_STRUCTURE = /%(2[356Ff]|3[AaDdFf])/;
/** `&` escaped for HTML once or more (`&amp;`, `&amp;amp;`, `&#38;`): a template escaping an escaped link. */
const HTML_AMPERSAND = /&(?:amp;|#0*38;|#x0*26;)+/gi;
/** A parameter value that is a link: `https:` with its colon plain or percent-encoded any number of times. */
const LINK_VALUE = /^https?(?::|%(?:25)*3A)/i;
/** Proofpoint URL Defense v2's encoding of a link: `https-3A__…`. */
const PROOFPOINT_V2_VALUE = /^https?-3A__/i;
/** What plain-text mail leaves stuck to the end of a link: `…?r=4).`, `<…>`, `"…",`. */
const TRAILING_PUNCTUATION = /[\s.,;:!?)\]}>'"]+$/;

/**
 * Reads a survey link as it arrives after a trip through mail systems, from the request's
 * raw path and query (`req.originalUrl`), or from any text holding the link:
 *
 * - percent-encoded as a whole (`/s/TOKEN%3Fr%3D4`), once or more (`%253F`);
 * - wrapped by link rewriters, nested in any order: the real link inside a parameter:
 *   Microsoft Safe Links (`?url=`), Proofpoint URL Defense v2 (`?u=https-3A__…`) and v3
 *   (`/v3/__https://…__;…`), Google (`?q=`), Mimecast (`&url=`), Barracuda (`?a=`), or the
 *   first parameter before the survey path whose value is a link;
 * - with `utm_*` and other unknown parameters added (ignored), or `&amp;` (once or more) left from HTML;
 * - quoted-printable left undecoded (`?r=3D4&ref=3DCASE-7`): when every value starts with `3D`;
 * - with punctuation from plain text stuck to the end (`?r=4).`, `?r=4,`, `TOKEN.`, `…>`).
 *
 * Nothing unreadable is guessed: a rating that is not exactly one digit 1–5 (`r=4.5`, `r=4abc`)
 * or a reference that is not a valid one is left out (the form shows no rating chosen, the
 * feedback has no `ref`).
 */
export function readSurveyLink(text: string): SurveyLink {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    text = text.replace(HTML_AMPERSAND, '&');
    const inner = wrappedLink(text) ?? decodedOnce(text);
    if (inner === undefined) break;
    text = inner;
  }
  const match = [...text.matchAll(SURVEY_PATH)][0];
  if (!match) return { token: undefined, rating: undefined, ref: undefined };
  const params = queryParams(text.slice(match.index + match[0].length));
  const rating = params.get('r')?.replace(TRAILING_PUNCTUATION, '');
  const ref = params.get('ref')?.replace(TRAILING_PUNCTUATION, '');
  return {
    token: match[1],
    rating: rating !== undefined && /^[1-5]$/.test(rating) ? Number(rating) : undefined,
    ref: ref !== undefined && REF_PATTERN.test(ref) ? ref : undefined,
  };
}

/**
 * The link one rewriter wrapped, or undefined when none is wrapped in `text`; called again on
 * what it returns, it unwraps rewriters nested in any order. A link the rewriter did not encode
 * runs from its parameter's value to the end (it keeps its own `&ref=`; the rewriter's later
 * parameters are unknown ones); an encoded one is the value alone.
 */
function wrappedLink(text: string): string | undefined {
  const proofpointV3 = /\/v3\/__(.+?)__;([A-Za-z0-9_-]*)/.exec(text);
  if (proofpointV3) return proofpointV3Link(proofpointV3[1]!, proofpointV3[2]!);
  // A link-valued parameter after the survey path is the link's own (say `utm_source`), not a wrapping.
  const surveyPathAt = text.search(SURVEY_PATH);
  // Matches the name only, so that a wrapped link's own `?u=` is seen as well as the `?url=` around it.
  for (const param of text.matchAll(/[?&](\w+)=/g)) {
    if (surveyPathAt >= 0 && param.index > surveyPathAt) break;
    const valueAt = param.index + param[0].length;
    const value = /^[^&#]*/.exec(text.slice(valueAt))![0];
    if (param[1] === 'u' && PROOFPOINT_V2_VALUE.test(value)) {
      // Proofpoint v2: percent-encoding with `-` for `%` and `_` for `/`.
      return value.replace(/_/g, '/').replace(/-([0-9A-F]{2})/g, '%$1');
    }
    if (LINK_VALUE.test(value)) return /^https?:/i.test(value) ? text.slice(valueAt) : value;
  }
  return undefined;
}

/** Proofpoint v3 puts `*` where it took a character out, and lists those characters, base64url-encoded, after `__;`. */
function proofpointV3Link(link: string, replaced: string): string {
  const characters = [...Buffer.from(replaced, 'base64url').toString('utf8')];
  return link.replace(/\*/g, () => characters.shift() ?? '*');
}

/** One level of percent-decoding of an encoded link, or undefined when it is not one. */
function decodedOnce(text: string): string | undefined {
  if (!ENCODED_STRUCTURE.test(text)) return undefined;
  // Only ASCII escapes: never throws on a stray `%`, and a token or rating is ASCII.
  return text.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The parameters after the first `?` of `rest`, names lower-cased. The first of a name wins.
 * Quoted-printable left undecoded by a mail client turns every `=` into `=3D`: when every
 * value starts with `3D`, that is taken off (`r=3D4` is 4); a lone `3D…` is left as it is.
 */
function queryParams(rest: string): Map<string, string> {
  const params = new Map<string, string>();
  const query = rest.indexOf('?');
  if (query < 0) return params;
  const pairs = rest
    .slice(query + 1)
    .split('#')[0]!
    .split('&')
    .filter((pair) => pair.includes('='));
  const quotedPrintable = pairs.length > 0 && pairs.every((pair) => /^[^=]*=3D/.test(pair));
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = safeDecode(pair.slice(0, eq)).toLowerCase();
    const value = pair.slice(quotedPrintable ? eq + 3 : eq + 1);
    if (!params.has(name)) params.set(name, safeDecode(value.replace(/\+/g, ' ')));
  }
  return params;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
