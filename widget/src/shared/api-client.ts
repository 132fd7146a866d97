import type { ErrorResponse, FeedbackCreated, FeedbackSubmission, Locale, TopicsResponse } from '../../../contract/api.js';

/** Why a request failed, in the terms the widget shows to a person. */
export type Failure =
  | { kind: 'network' }
  | { kind: 'server' }
  | { kind: 'rate-limited' }
  | { kind: 'rejected'; error: ErrorResponse['error'] };

export type Result<T> = { ok: true; value: T } | ({ ok: false } & Failure);

/** The topics requests of every element on the page, by URL: each page view asks once. */
const topicsAsked = new Map<string, Promise<Result<TopicsResponse>>>();

/**
 * The public API of one Suora server, as the widget calls it: no cookies, no credentials.
 * (The survey's calls are in its own client, so a city page does not load them.)
 */
export class ApiClient {
  constructor(private readonly origin: string) {}

  /** The topics in `locale`: asked once per page, however many elements want them (asked again after a failure). */
  topics(locale: Locale): Promise<Result<TopicsResponse>> {
    const path = `/api/topics?locale=${encodeURIComponent(locale)}`;
    const key = new URL(path, this.origin).href;
    let answer = topicsAsked.get(key);
    if (!answer) {
      answer = this.request<TopicsResponse>(path, { method: 'GET' });
      topicsAsked.set(key, answer);
      void answer.then((result) => result.ok || topicsAsked.delete(key));
    }
    return answer;
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
