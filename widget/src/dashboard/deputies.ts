import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { DeputyInput, MyDeputies } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import { DashboardView } from './view.js';

/** The signed-in official's absences: who handles their new feedback while they are away, and whom they cover for. */
export class SuoraDeputies extends DashboardView {
  @state() private accessor deputies: MyDeputies = { absences: [], covering: [], candidates: [] };

  protected async load(): Promise<void> {
    this.deputies = await api<MyDeputies>('GET', '/api/me/deputies');
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as unknown as DeputyInput;
    const saved = await this.change(async () => {
      await api('POST', '/api/me/deputies', data);
      this.deputies = await api<MyDeputies>('GET', '/api/me/deputies');
    });
    if (saved) form.reset();
  }

  private async removeAbsence(id: string): Promise<void> {
    await this.change(async () => {
      await api('DELETE', `/api/me/deputies/${encodeURIComponent(id)}`);
      this.deputies = await api<MyDeputies>('GET', '/api/me/deputies');
    });
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${t.tabs.away}</h2>
      <p>${t.awayIntro}</p>
      ${this.renderLoadState() ?? this.renderDeputies()}`;
  }

  private renderDeputies(): TemplateResult {
    const { t } = this;
    const { absences, covering, candidates } = this.deputies;
    const period = (from: string, to: string) => `${this.day(from)} – ${this.day(to)}`;
    return html`<section aria-labelledby="absences-h">
        <h3 id="absences-h">${t.myAbsences}</h3>
        ${absences.length === 0
          ? html`<p>${t.noAbsences}</p>`
          : html`<ul class="plain">
              ${absences.map(
                (p) => html`<li class="row">
                  <span>${period(p.from, p.to)}: ${t.deputy} ${p.deputy.name}</span>
                  <button type="button" class="secondary" aria-label=${t.removeAbsence.replace('{from}', this.day(p.from)).replace('{to}', this.day(p.to))}
                    @click=${() => this.removeAbsence(p.id)}>${t.remove}</button>
                </li>`,
              )}
            </ul>`}
        <form class="row" @submit=${this.add}>
          <div class="field"><label for="deputy">${t.deputy}</label>
            <select id="deputy" name="deputy" required>
              ${candidates.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
            </select></div>
          <div class="field"><label for="away-from">${t.firstDayAway}</label><input id="away-from" name="from" type="date" required /></div>
          <div class="field"><label for="away-to">${t.lastDayAway}</label><input id="away-to" name="to" type="date" required /></div>
          <button type="submit">${t.addAbsence}</button>
        </form>
        ${this.renderStatus()}
      </section>
      ${covering.length
        ? html`<section aria-labelledby="covering-h">
            <h3 id="covering-h">${t.coveringFor}</h3>
            <ul>${covering.map((p) => html`<li>${p.official.name}, ${period(p.from, p.to)}</li>`)}</ul>
          </section>`
        : nothing}`;
  }

  /** A local date (2026-12-21) in the reader's language, without moving it through a time zone. */
  private day(date: string): string {
    return new Date(`${date}T12:00:00Z`).toLocaleDateString(`${this.locale}-FI`, { dateStyle: 'medium', timeZone: 'UTC' });
  }
}

defineElement('suora-deputies', SuoraDeputies);
