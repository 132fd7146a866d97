import type { ErrorResponse, FeedbackCreated, FeedbackSubmission, Locale, TopicsResponse } from '../../../contract/api.js';

/** Why a request failed, in the terms the widget shows to a person. */
export type Failure =
  | { kind: 'network' }
  | { kind: 'server' }
  | { kind: 'rate-limited' }
  | { kind: 'rejected'; error: ErrorResponse['error'] };

export type Result<T> = { ok: true; value: T } | ({ ok: false } & Failure);

/**
 * The public API of one Suora server, as the widget calls it: no cookies, no credentials.
 * (The survey's calls are in its own client, so a city page does not load them.)
 */
export class ApiClient {
  constructor(private readonly origin: string) {}

  topics(locale: Locale): Promise<Result<TopicsResponse>> {
    return this.request(`/api/topics?locale=${encodeURIComponent(locale)}`, { method: 'GET' });
  }

  submit(feedback: FeedbackSubmission): Promise<Result<FeedbackCreated>> {
    return this.request('/api/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(feedback),
    });
  }

  protected async request<T>(path: string, init: RequestInit): Promise<Result<T>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.origin), { ...init, credentials: 'omit', mode: 'cors' });
    } catch {
      return { ok: false, kind: 'network' };
    }
    if (response.status === 204) return { ok: true, value: undefined as T };
    if (response.ok) {
      try {
        return { ok: true, value: (await response.json()) as T };
      } catch {
        return { ok: false, kind: 'network' };
      }
    }
    if (response.status === 429) return { ok: false, kind: 'rate-limited' };
    if (response.status >= 500) return { ok: false, kind: 'server' };
    const body = (await response.json().catch(() => undefined)) as ErrorResponse | undefined;
    return {
      ok: false,
      kind: 'rejected',
      error: body?.error ?? { code: 'http_' + response.status, message: response.statusText },
    };
  }
}
