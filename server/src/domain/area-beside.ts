import { AREA_MIN_PEOPLE, AREA_MIN_RATINGS, type AreaByPeriod, type GroupScores, type OwnGroupScores, type Scores } from '../../../contract/api.js';
import { scoresOfCells } from './aggregate-reading.js';
import type { ScoreCell } from './aggregates.js';
import { periodOfLocalDate, type Period } from './city-time.js';
import { scoresTogether, type KeyScores } from './scores.js';

/*
 * DESIGN.md sets no minimum for an area's figure beside an official's own. Without one, the
 * area's figure for a quiet month minus the official's own (which they see) would be one
 * colleague's rating, or, with a single colleague, that colleague's personal score: so at
 * least AREA_MIN_RATINGS (5, the usual small-cell rule of official statistics) ratings of
 * others, routed to at least AREA_MIN_PEOPLE (2) of them.
 */

/** Others' ratings by whom they were routed to: per period, and per channel. */
class OthersRatings {
  readonly byPeriod = new Map<string, Map<string, number>>();
  readonly byChannel = new Map<string, Map<string, number>>();

  add(period: string, channel: string, officialId: string, ratings: number): void {
    for (const [groups, key] of [[this.byPeriod, period], [this.byChannel, channel]] as const) {
      let byPerson = groups.get(key);
      if (!byPerson) groups.set(key, (byPerson = new Map()));
      byPerson.set(officialId, (byPerson.get(officialId) ?? 0) + ratings);
    }
  }

  /** Whether the ratings of these cells together are enough to show (see AREA_MIN_RATINGS). */
  enough(cells: (Map<string, number> | undefined)[]): boolean {
    const people = new Set<string>();
    let ratings = 0;
    for (const cell of cells) {
      for (const [person, n] of cell ?? []) {
        people.add(person);
        ratings += n;
      }
    }
    return ratings >= AREA_MIN_RATINGS && people.size >= AREA_MIN_PEOPLE;
  }
}

/** The area's figures to set beside an official's own, each null where too few others stand behind it. */
export interface AreaBeside {
  scores: Scores | null;
  byPeriod: AreaByPeriod[];
  /** A group of the official's own (a link, a reference): the area's over the same periods, first to last. */
  overSpanOf(group: GroupScores): OwnGroupScores;
  /** A channel: the area's feedback through the same channel. */
  ofChannel(group: GroupScores): OwnGroupScores;
}

/** `ofArea`: the area's day cells (its aggregates) over the days shown. */
export function areaBeside(ofArea: readonly ScoreCell[], officialId: string, period: Period): AreaBeside {
  const others = new OthersRatings();
  for (const cell of ofArea) {
    const ratings = cell.ratings.reduce((sum, n) => sum + n, 0);
    if (cell.officialId !== officialId && ratings > 0) others.add(periodOfLocalDate(cell.day, period), cell.channel, cell.officialId, ratings);
  }
  const [[total], byChannel] = scoresOfCells(ofArea, period, [() => '', (c) => c.channel]) as [KeyScores[], KeyScores[]];
  const periods = total?.byPeriod ?? [];
  const channels = new Map(byChannel.map((g) => [g.key, g.scores]));
  return {
    scores: total && others.enough([...others.byPeriod.values()]) ? total.scores : null,
    byPeriod: periods.map((p) => ({ period: p.period, scores: others.enough([others.byPeriod.get(p.period)]) ? p.scores : null })),
    overSpanOf(group) {
      const first = group.byPeriod[0]?.period ?? '';
      const last = group.byPeriod.at(-1)?.period ?? '';
      const span = periods.filter((p) => p.period >= first && p.period <= last);
      const shown = others.enough(span.map((p) => others.byPeriod.get(p.period)));
      return { ...group, area: shown ? scoresTogether(span.map((p) => p.scores)) : null };
    },
    ofChannel(group) {
      const shown = others.enough([others.byChannel.get(group.key)]);
      return { ...group, area: shown ? (channels.get(group.key) ?? null) : null };
    },
  };
}
