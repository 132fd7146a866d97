import { periodOfLocalDate, type Period } from './city-time.js';
import { histogramMedian, HOURS_BUCKETS, type Counts, type ScoreCell, type StatsCell } from './aggregates.js';
import { PeriodTallies, type KeyScores } from './scores.js';
import { StatsCollector, type FeedbackStats } from './stats.js';

/** Turns aggregate cells into the figures the dashboards show: sums over days, medians from summed histograms. */

/** The decision-makers' statistics of these cells (a cell's `day` may be any day of its period). */
export function statsOfCells(cells: Iterable<StatsCell>, period: Period): FeedbackStats {
  const collector = new StatsCollector();
  // Replies per area and topic, summed into one array each (a cell holds a few buckets, a year of them thousands).
  const hours = new Map<string, Map<string | null, Float64Array>>();
  for (const cell of cells) {
    if (cell.count > 0) {
      const name = periodOfLocalDate(cell.day, period);
      eachRating(cell, (rating, times) => collector.add({ serviceAreaId: cell.serviceAreaId, topicId: cell.topicId, rating, status: cell.status, period: name }, times));
    }
    if (cell.hours.size === 0) continue;
    let ofArea = hours.get(cell.serviceAreaId);
    if (!ofArea) hours.set(cell.serviceAreaId, (ofArea = new Map()));
    let histogram = ofArea.get(cell.topicId);
    if (!histogram) ofArea.set(cell.topicId, (histogram = new Float64Array(HOURS_BUCKETS)));
    for (const [bucket, n] of cell.hours) histogram[bucket]! += n;
  }
  const total = new Float64Array(HOURS_BUCKETS);
  const byTopic = new Map<string, Float64Array>();
  for (const [areaId, ofArea] of hours) {
    const area = new Float64Array(HOURS_BUCKETS);
    for (const [topicId, histogram] of ofArea) {
      addInto(area, histogram);
      if (topicId === null) continue;
      const topic = byTopic.get(topicId);
      if (topic) addInto(topic, histogram);
      else byTopic.set(topicId, histogram.slice());
    }
    addInto(total, area);
    collector.serviceArea(areaId).medianHours = histogramMedian(area);
  }
  for (const [topicId, histogram] of byTopic) collector.topic(topicId).medianHours = histogramMedian(histogram);
  collector.total.medianHours = histogramMedian(total);
  return collector.stats();
}

function addInto(sum: Float64Array, histogram: Float64Array): void {
  for (let i = 0; i < histogram.length; i++) sum[i]! += histogram[i]!;
}

/**
 * For each grouping (a key of a cell; null leaves it out): the scores per key, in total and
 * per period, oldest first, keys in the order first met (cells come oldest first).
 */
export function scoresOfCells(cells: readonly ScoreCell[], period: Period, groupings: readonly ((cell: ScoreCell) => string | null)[]): KeyScores[][] {
  const sorted = [...cells].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const results = groupings.map(() => new Map<string, PeriodTallies>());
  for (const cell of sorted) {
    if (cell.count <= 0) continue;
    const name = periodOfLocalDate(cell.day, period);
    for (let g = 0; g < groupings.length; g++) {
      const key = groupings[g]!(cell);
      if (key === null) continue;
      let tallies = results[g]!.get(key);
      if (!tallies) results[g]!.set(key, (tallies = new PeriodTallies()));
      eachRating(cell, (rating, times) => tallies!.add(name, rating, times));
    }
  }
  return results.map((groups) => [...groups].map(([key, group]) => ({ key, ...group.result() })));
}

/** The cell's items by rating (null: none), skipping ratings none has. */
function eachRating(cell: Counts, add: (rating: number | null, times: number) => void): void {
  let rated = 0;
  cell.ratings.forEach((times, i) => {
    rated += times;
    if (times) add(i + 1, times);
  });
  if (cell.count > rated) add(null, cell.count - rated);
}

