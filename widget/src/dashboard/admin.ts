import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AdminDirectory, DirectoryProblem } from '../../../contract/api.js';
import { defineElement } from '../shared/define.js';
import { api } from './api.js';
import './admin-api-keys.js';
import './admin-organisation.js';
import './admin-mail.js';
import './admin-people.js';
import './admin-records.js';
import './links.js';
import { DashboardView } from './view.js';

/** The parts of the admin view, each at `#admin/PART`; the first is where it opens. */
export const ADMIN_SECTIONS = ['people', 'organisation', 'links', 'records', 'mail', 'api-keys'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/**
 * Admins: what in the directory needs fixing, then one part at a time (people, areas and
 * topics, survey links, a person's data with the log and export, mail that failed, the API
 * keys of other systems), chosen from a list of links.
 */
export class SuoraAdmin extends DashboardView {
  @state() private accessor problems: DirectoryProblem[] = [];
  @state() private accessor directory: AdminDirectory | undefined;
  /** The part shown, from the address (`#admin/people`); anything else shows the first. */
  @property() accessor section = '';

  protected async load(): Promise<void> {
    this.directory = await api<AdminDirectory>('GET', '/api/admin/directory');
    this.problems = this.directory.problems;
  }

  private get current(): AdminSection {
    return ADMIN_SECTIONS.includes(this.section as AdminSection) ? (this.section as AdminSection) : ADMIN_SECTIONS[0];
  }

  override render(): TemplateResult {
    const { t } = this;
    const current = this.current;
    return html`<h2 tabindex="-1">${t.tabs.admin}</h2>
      ${this.renderLoadState() ?? this.renderProblems()}
      <nav aria-label=${t.adminNav}>
        <ul class="subnav">${ADMIN_SECTIONS.map(
          (s) => html`<li><a href="#admin/${s}" aria-current=${s === current ? 'page' : nothing}>${t.adminSections[s]}</a></li>`,
        )}</ul>
      </nav>
      ${this.renderPart(current)}`;
  }

  private renderPart(part: AdminSection): TemplateResult {
    const lang = this.locale;
    switch (part) {
      case 'people':
        return html`<suora-admin-people .me=${this.me} lang=${lang}></suora-admin-people>`;
      case 'organisation':
        return html`<suora-admin-organisation .me=${this.me} lang=${lang}></suora-admin-organisation>`;
      case 'links':
        return html`<suora-links manage .me=${this.me} lang=${lang}></suora-links>`;
      case 'records':
        return html`<suora-admin-records .me=${this.me} lang=${lang}></suora-admin-records>`;
      case 'mail':
        return html`<suora-admin-mail .me=${this.me} lang=${lang}></suora-admin-mail>`;
      case 'api-keys':
        return html`<suora-admin-api-keys .me=${this.me} lang=${lang}></suora-admin-api-keys>`;
    }
  }

  private renderProblems(): TemplateResult | typeof nothing {
    const d = this.directory;
    if (!d || this.problems.length === 0) return nothing;
    const { t, locale } = this;
    const name = (id: string) => d.officials.find((o) => o.id === id)?.name ?? id;
    const what = (p: Extract<DirectoryProblem, { code: 'ineligible_owner' }>) => {
      const label =
        p.owner === 'topic'
          ? (d.topics.find((x) => x.id === p.id)?.name[locale] ?? p.id)
          : p.owner === 'serviceArea'
            ? (d.serviceAreas.find((x) => x.id === p.id)?.name[locale] ?? p.id)
            : p.id;
      return t.ownerKinds[p.owner].replace('{name}', label);
    };
    return html`<section aria-labelledby="problems-h" class="problems">
      <h3 id="problems-h">${t.problems}</h3>
      <ul>${this.problems.map((p) =>
        html`<li>${p.code === 'duplicate_email'
          ? t.problemDuplicateEmail.replace('{names}', p.officialIds.map(name).join(', '))
          : t.problemOwner.replace('{what}', what(p)).replace('{official}', name(p.officialId))}</li>`,
      )}</ul>
    </section>`;
  }
}

defineElement('suora-admin', SuoraAdmin);
