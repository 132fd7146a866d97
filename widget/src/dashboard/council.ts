import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { CouncilFeedbackItem } from '../../../server/src/contract.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { DashboardView } from './view.js';

/**
 * For decision-makers: every item whose giver chose public, with the city's reply, no
 * contact data. Topics are filters on top, the business topic first.
 */
export class SuoraCouncil extends DashboardView {
  @state() private accessor items: CouncilFeedbackItem[] = [];
  @state() private accessor topic = '';

  protected async load(): Promise<void> {
    this.items = (await api<{ items: CouncilFeedbackItem[] }>('GET', `/api/council/feedback?locale=${this.locale}`)).items;
  }

  override render(): TemplateResult {
    const { t } = this;
    const topics = new Map(this.items.filter((f) => f.topic).map((f) => [f.topic!.id, f.topic!.name]));
    const shown = this.topic ? this.items.filter((f) => f.topic?.id === this.topic) : this.items;
    return html`<h2 tabindex="-1">${t.tabs.council}</h2>
      ${this.renderLoadState() ??
      html`<div class="row" role="group" aria-label=${t.topic}>
          <button type="button" class=${this.topic ? 'secondary' : ''} aria-pressed=${this.topic === ''} @click=${() => (this.topic = '')}>${t.any}</button>
          ${[...topics]
            .sort(([a], [b]) => Number(b === 'yritykset') - Number(a === 'yritykset'))
            .map(
              ([id, name]) => html`<button type="button" class=${this.topic === id ? '' : 'secondary'} aria-pressed=${this.topic === id}
                @click=${() => (this.topic = id)}>${name}</button>`,
            )}
        </div>
        <p class="muted" role="status">${this.count(shown.length)}</p>
        <ul class="plain">
          ${shown.map(
            (item) => html`<li class="card">
              <p class="row">
                <strong>${item.topic?.name ?? t.generalFeedback}</strong>
                <span>${item.serviceArea.name}</span>
                <span>${item.rating === null ? t.noRating : `${t.rating} ${item.rating}/5`}</span>
                <span class="badge">${t.statuses[item.status]}</span>
                <span class="badge">${item.published ? t.published : t.awaitingApproval}</span>
                <span class="muted">${this.date(item.createdAt)}</span>
              </p>
              <p class="comment">${item.comment ?? html`<span class="muted">${t.noComment}</span>`}</p>
              ${item.reply
                ? html`<p class="comment"><strong>${t.cityReply}:</strong> ${item.reply.text}</p>`
                : nothing}
            </li>`,
          )}
        </ul>`}`;
  }
}

defineElement('suora-council', SuoraCouncil);
