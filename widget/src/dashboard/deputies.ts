import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DeputyInput, MyDeputies, TeamResponse } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { DATE_LOCALES } from '../shared/format.js';
import { api } from './api.js';
import { DashboardView } from './view.js';

/**
 * The signed-in official's absences: who handles their new feedback while they are away, and
 * whom they cover for. A manager chooses whose: their own, or those of a person of their area.
 */
export class SuoraDeputies extends DashboardView {
  @state() private accessor deputies: MyDeputies = { absences: [], covering: [], candidates: [] };
  /** The person whose absences are shown: the signed-in person unless a manager chose one of their team. */
  @state() private accessor whose = '';
  @state() private accessor team: TeamResponse['officials'] = [];

  private get own(): boolean {
    return !this.whose || this.whose === this.me.id;
  }

  private get base(): string {
    return this.own ? '/api/me/deputies' : `/api/team/officials/${encodeURIComponent(this.whose)}/deputies`;
  }

  protected async load(): Promise<void> {
    if (this.me.role === 'manager' && this.team.length === 0) this.team = (await api<TeamResponse>('GET', '/api/team')).officials;
    this.deputies = await api<MyDeputies>('GET', this.base);
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as unknown as DeputyInput;
    const saved = await this.change('add-absence', async () => {
      await api('POST', this.base, data);
      this.deputies = await api<MyDeputies>('GET', this.base);
    });
    if (saved) form.reset();
  }

  private async removeAbsence(id: string): Promise<void> {
    await this.change('absences', async () => {
      await api('DELETE', `${this.base}/${encodeURIComponent(id)}`);
      this.deputies = await api<MyDeputies>('GET', this.base);
    }, this.t.absenceRemoved);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<h2 tabindex="-1">${t.tabs.away}</h2>
      <p>${t.awayIntro}</p>
      ${this.team.length ? this.renderWhose() : nothing}
      ${this.renderLoadState() ?? this.renderDeputies()}`;
  }

  private renderWhose(): TemplateResult {
    const whose = this.whose || this.me.id;
    return html`<div class="field"><label for="whose">${this.t.whoseAbsences}</label>
      <select id="whose" @change=${(e: Event) => {
        this.whose = (e.target as HTMLSelectElement).value;
        void this.reload();
      }}>${this.team.map((o) => html`<option value=${o.id} ?selected=${o.id === whose}>${o.name}</option>`)}</select></div>`;
  }

  private renderDeputies(): TemplateResult {
    const { t } = this;
    const { absences, covering, candidates } = this.deputies;
    const period = (from: string, to: string) => `${this.day(from)} – ${this.day(to)}`;
    return html`<section aria-labelledby="absences-h">
        <h3 id="absences-h">${this.own ? t.myAbsences : t.absencesOf.replace('{name}', this.team.find((o) => o.id === this.whose)?.name ?? '')}</h3>
        ${absences.length === 0
          ? html`<p>${t.noAbsences}</p>`
          : html`<ul class="plain">
              ${repeat(
                absences,
                (p) => p.id,
                (p) => html`<li class="row">
                  <span>${period(p.from, p.to)}: ${t.deputy} ${p.deputy.name}</span>
                  <button type="button" class="secondary" aria-label=${t.removeAbsence.replace('{from}', this.day(p.from)).replace('{to}', this.day(p.to))}
                    @click=${() => this.removeAbsence(p.id)}>${t.remove}</button>
                </li>`,
              )}
            </ul>`}
        ${this.renderStatus('absences')}
        <form class="row" @submit=${this.add}>
          <div class="field"><label for="deputy">${t.deputy}</label>
            <select id="deputy" name="deputy" required>
              ${candidates.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
            </select></div>
          <div class="field"><label for="away-from">${t.firstDayAway}</label><input id="away-from" name="from" type="date" required /></div>
          <div class="field"><label for="away-to">${t.lastDayAway}</label><input id="away-to" name="to" type="date" required /></div>
          ${this.renderActions('add-absence', html`<button type="submit">${t.addAbsence}</button>`)}
        </form>
      </section>
      ${covering.length && this.own
        ? html`<section aria-labelledby="covering-h">
            <h3 id="covering-h">${t.coveringFor}</h3>
            <ul>${covering.map((p) => html`<li>${p.official.name}, ${period(p.from, p.to)}</li>`)}</ul>
          </section>`
        : nothing}`;
  }

  /** A local date (2026-12-21) in the reader's language, without moving it through a time zone. */
  private day(date: string): string {
    return new Date(`${date}T12:00:00Z`).toLocaleDateString(DATE_LOCALES[this.locale], { dateStyle: 'medium', timeZone: 'UTC' });
  }
}

defineElement('suora-deputies', SuoraDeputies);
