/**
 * Free text (a comment, a name, a reply) as people paste it from Word, phones and chat
 * apps, read without changing what they wrote: no compatibility folding, only characters
 * that show as nothing or as a line break are made plain. Shared by the server's validation
 * and the widget's checks (plain functions, no Node or DOM API: the widget bundles this file).
 */

/** Line and paragraph breaks that are not `\n`: vertical tab (Word's manual line break), form feed, NEL, U+2028/U+2029. */
const LINE_BREAKS = /[\u000B\u000C\u0085\u2028\u2029]/g;
/**
 * Direction marks, embeddings, overrides and isolates (chat apps wrap a copied number in
 * them; an override can make "exe.txt" read "txt.exe"), the zero-width space, word joiner
 * and byte-order mark. The zero-width (non-)joiners stay: emoji sequences and Persian need them.
 */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** The text with its line breaks as `\n` and its invisible formatting characters dropped. */
export function readFreeText(value: string): string {
  return value.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '');
}

/**
 * Characters that are still unreadable after `readFreeText`: control characters (tab and
 * line breaks are fine) and halves of surrogate pairs.
 */
const UNSHOWABLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether the text, once read by `readFreeText`, can be shown as it is. */
export function isShowableText(value: string): boolean {
  return !UNSHOWABLE.test(readFreeText(value));
}
