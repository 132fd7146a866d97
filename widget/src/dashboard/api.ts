/** A failed dashboard request, with the server's message for people and its `error.code` (ErrorResponse). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = '',
  ) {
    super(message);
  }
}

/**
 * Says "the dashboard itself" to a server that gets no `Sec-Fetch-Site` from an older
 * browser (server/src/http/session.ts, fromOwnPages): another site's page cannot send it.
 */
const DASHBOARD_HEADER = { 'X-Suora-Dashboard': '1' };

/**
 * The dashboard's calls to its own server: same origin, with the session cookie. Errors
 * come back as `ApiFailure` carrying the server's message (or a network message).
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? DASHBOARD_HEADER : { ...DASHBOARD_HEADER, 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiFailure(0, 'The connection failed.');
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!response.ok) throw new ApiFailure(response.status, data?.error?.message ?? response.statusText, data?.error?.code);
  return data as T;
}
