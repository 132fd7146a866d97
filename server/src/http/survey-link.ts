import { REF_PATTERN } from '../domain/validation.js';

/** What a survey link (`/s/TOKEN?r=4&ref=CASE-7`) says, read from however it reached the server. */
export interface SurveyLink {
  /** Undefined when no token can be read: the server shows the "link not found" page. */
  token: string | undefined;
  /** 1–5, or undefined: the form shows no rating chosen. */
  rating: number | undefined;
  ref: string | undefined;
}

/** Enough rounds for a link wrapped by two rewriters and encoded at each step. */
const MAX_ROUNDS = 8;
/** `/s/TOKEN` then the rest; a token is at least 10 characters (they are 21), not a scheme (`/s/https:`). */
const SURVEY_PATH = /\/s\/([A-Za-z0-9_-]{10,64})(?![A-Za-z0-9_:-])/g;
/** `%` escapes of what structures a URL (`/ ? = & % : #`): seen where a whole link was encoded as one value. */
const ENCODED_STRUCTURE = /%(2[356Ff]|3[AaDdFf])/;
/** What plain-text mail leaves stuck to the end of a link: `…?r=4).`, `<…>`, `"…",`. */
const TRAILING_PUNCTUATION = /[\s.,;:!?)\]}>'"]+$/;

/**
 * Reads a survey link as it arrives after a trip through mail systems, from the request's
 * raw path and query (`req.originalUrl`), or from any text holding the link:
 *
 * - percent-encoded as a whole (`/s/TOKEN%3Fr%3D4`), once or more (`%253F`);
 * - wrapped by a link rewriter, the real link inside a parameter: Microsoft Safe Links
 *   (`?url=`), Proofpoint URL Defense v2 (`?u=https-3A__…`) and v3 (`/v3/__https://…__;…`),
 *   Google (`?q=`), or any other parameter whose value is a link with `/s/` in it;
 * - with `utm_*` and other unknown parameters added (ignored), or `&amp;` left from HTML;
 * - with punctuation from plain text stuck to the end (`?r=4).`, `?r=4,`, `TOKEN.`, `…>`).
 *
 * Nothing unreadable is guessed: a rating other than 1–5 or a reference that is not a valid
 * one is left out (the form shows no rating chosen, the feedback has no `ref`).
 */
export function readSurveyLink(text: string): SurveyLink {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const inner = wrappedLink(text) ?? decodedOnce(text);
    if (inner === undefined) break;
    text = inner;
  }
  const match = [...text.matchAll(SURVEY_PATH)][0];
  if (!match) return { token: undefined, rating: undefined, ref: undefined };
  const params = queryParams(text.slice(match.index + match[0].length));
  const rating = /^[1-5](?![0-9])/.exec(params.get('r') ?? '')?.[0];
  const ref = params.get('ref')?.replace(TRAILING_PUNCTUATION, '');
  return {
    token: match[1],
    rating: rating === undefined ? undefined : Number(rating),
    ref: ref !== undefined && REF_PATTERN.test(ref) ? ref : undefined,
  };
}

/**
 * The real link out of a rewriter's wrapping, or undefined when none is wrapped in `text`.
 * The link runs from its parameter's value to the end: a rewriter that did not encode the
 * link's own `&ref=` keeps it, and the rewriter's later parameters are unknown ones.
 */
function wrappedLink(text: string): string | undefined {
  const proofpointV3 = /\/v3\/__(.+?)__;([A-Za-z0-9_-]*)/.exec(text);
  if (proofpointV3) return proofpointV3Link(proofpointV3[1]!, proofpointV3[2]!);
  // A link-valued parameter after the survey path is the link's own (say `utm_source`), not a wrapping.
  const surveyPathAt = text.search(SURVEY_PATH);
  for (const param of text.matchAll(/[?&](\w+)=([^&#]*)/g)) {
    const [, name, value] = param as unknown as [string, string, string];
    if (surveyPathAt >= 0 && param.index > surveyPathAt) break;
    if (name === 'u' && /^https?-3A__/.test(value)) {
      // Proofpoint v2: percent-encoding with `-` for `%` and `_` for `/`.
      return value.replace(/_/g, '/').replace(/-([0-9A-F]{2})/g, '%$1');
    }
    if (/^https?:\/\/[^]*\/s\//i.test(fullyDecoded(value))) return text.slice(param.index + param[0].length - value.length);
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

/** The parameters after the first `?` of `rest`, names lower-cased; `&amp;` counts as `&`. The first of a name wins. */
function queryParams(rest: string): Map<string, string> {
  const params = new Map<string, string>();
  const query = rest.indexOf('?');
  if (query < 0) return params;
  for (const pair of rest.slice(query + 1).split('#')[0]!.split(/&(?:amp;)?/)) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = safeDecode(pair.slice(0, eq)).toLowerCase();
    if (!params.has(name)) params.set(name, safeDecode(pair.slice(eq + 1).replace(/\+/g, ' ')));
  }
  return params;
}

function fullyDecoded(text: string): string {
  for (let round = 0; round < MAX_ROUNDS && /%[0-9A-Fa-f]{2}/.test(text); round++) text = safeDecode(text);
  return text;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
