/**
 * Where to land after sign-in (`next`): a path on Suora's own dashboard, such as
 * `/dashboard#feedback/ID` from a notification mail, or `undefined`. Only `/dashboard`,
 * optionally followed by `/`, `?` or `#` and printable characters without a backslash,
 * so that no `next` can lead off the site: `//evil.example` and `/\evil.example` are
 * taken by browsers for another host, `https://evil.example` is one, and a control
 * character or space could split a header.
 */
export function dashboardPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 512) return undefined;
  return /^\/dashboard(?:[/?#][\x21-\x5b\x5d-\x7e]*)?$/.test(value) ? value : undefined;
}
