// A technique card's PNG summary: every measured rate of the card (win rate, per category, over-refusal, unsafe
// compliance, reasoning accuracy with the paper's figure beside it, judge–human agreement) as a dot with its 95%
// interval on one 0–100% axis, under a title with the rating and the cost. Drawn from the card JSON alone; a
// section without data is named in the subtitle, never plotted.
import type { Rate, TechniqueCard } from '../../cards/technique-card.ts';
import { rankSpreadText } from '../../ratings/rank-spread.ts';
import { latencyText, usdText } from '../discord/leaderboard/leaderboard-table.ts';
import { type ChartSpec, renderChart } from './render-chart.ts';
import { VERSION_DIGITS } from '../../ratings/row-keys.ts';

interface Point {
  measure: string;
  rate: number;
  lower: number;
  upper: number;
  source: 'this version' | 'published';
}

const point = (measure: string, rate: Rate): Point[] =>
  rate.rate === null
    ? []
    : [{ measure, rate: rate.rate, lower: rate.interval.lower, upper: rate.interval.upper, source: 'this version' }];

/** The plotted figures, top to bottom. */
export function cardPoints(card: TechniqueCard): Point[] {
  const points: Point[] = [];
  if (card.rating.status === 'measured') points.push(...point('win rate (decisive votes)', card.rating.winRate));
  if (card.categories.status === 'measured')
    for (const row of card.categories.rows) points.push(...point(`win rate: ${row.category}`, row.winRate));
  if (card.safety.status === 'measured') {
    points.push(...point('over-refusal (safe prompts)', card.safety.overRefusal));
    points.push(...point('compliance (unsafe prompts)', card.safety.unsafeCompliance));
  }
  if (card.reasoning.status === 'measured') {
    points.push(...point('reasoning accuracy', card.reasoning.accuracy));
    const paper = card.reasoning.published;
    if (paper !== null)
      points.push({
        measure: 'reasoning accuracy',
        rate: paper.accuracy,
        lower: paper.accuracy,
        upper: paper.accuracy,
        source: 'published',
      });
  }
  if (card.agreement.status === 'measured') points.push(...point('judge agrees with voters', card.agreement.withTies));
  return points;
}

function subtitle(card: TechniqueCard): string[] {
  const rating = card.rating;
  const lines = [
    rating.status === 'measured'
      ? `rating ${Math.round(rating.raw.rating)} (${rating.anchor ? 'the anchor' : `95% CI ${Math.round(rating.raw.interval.lower)}–${Math.round(rating.raw.interval.upper)}`}), rank ${rankSpreadText(rating.rankSpread)} of ${rating.ofRows}` +
        `${rating.styleControlled === null ? '' : ` · style-controlled ${Math.round(rating.styleControlled.rating)}`} · ${rating.votes} votes`
      : 'no votes on this version yet',
  ];
  if (card.cost.status === 'measured')
    lines.push(
      `per answer ${usdText(card.cost.meanCostUsd)}, ${latencyText(card.cost.p50LatencyMs)} median · per win ${usdText(card.cost.costPerWinUsd)}`,
    );
  const missing = (
    [
      ['safety', card.safety],
      ['reasoning', card.reasoning],
      ['agreement', card.agreement],
      ['categories', card.categories],
    ] as const
  ).flatMap(([name, section]) => (section.status === 'missing' ? [name] : []));
  if (missing.length > 0) lines.push(`no data yet: ${missing.join(', ')}`);
  return lines;
}

export function cardChart(card: TechniqueCard): ChartSpec {
  const points = cardPoints(card);
  const title = {
    text: `${card.pipeline.label} (${card.pipeline.id} @ ${card.pipeline.version.slice(0, VERSION_DIGITS)})`,
    subtitle: subtitle(card),
    anchor: 'start',
  };
  if (points.length === 0)
    return {
      title,
      width: 520,
      height: 60,
      data: { values: [{ text: 'nothing measured for this version yet: see the card for what to run' }] },
      mark: { type: 'text', fontSize: 13, align: 'left', x: 0 },
      encoding: { text: { field: 'text' } },
    } as ChartSpec;
  const y = { field: 'measure', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } };
  const x = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '%' } };
  const color = {
    field: 'source',
    type: 'nominal',
    scale: { domain: ['this version', 'published'], range: ['#4c78a8', '#e45756'] },
    title: null,
    legend: { orient: 'bottom' },
  };
  return {
    title,
    width: 420,
    height: { step: 26 },
    data: { values: points },
    encoding: { y },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lower', title: 'rate with 95% interval' }, x2: { field: 'upper' }, color },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { x: { ...x, field: 'rate' }, color },
      },
    ],
  } as ChartSpec;
}

export async function renderCardPng(card: TechniqueCard): Promise<Buffer> {
  return (await renderChart(cardChart(card))).png;
}
