import type { FeedbackEdit, LinkInfo } from '../../../contract/api.js';
import { ApiClient, type Result } from '../shared/api-client.js';

/** The widget's client, and what only the survey page calls. */
export class SurveyClient extends ApiClient {
  /** Adds to, or changes, feedback this browser just sent. */
  edit(id: string, edit: FeedbackEdit): Promise<Result<void>> {
    return this.request(`/api/feedback/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(edit),
    });
  }

  /** Who a signature link asks for. */
  linkInfo(token: string): Promise<Result<LinkInfo>> {
    return this.request(`/api/links/${encodeURIComponent(token)}`, { method: 'GET' });
  }
}
