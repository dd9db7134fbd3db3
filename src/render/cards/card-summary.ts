// A technique card in one line per section, for the public page: the headline figure of each section with its
// interval, or the section's reason when it has no data. Plain text from the card JSON alone.
import type { TechniqueCard } from '../../cards/technique-card.ts';
import { percent } from '../../eval/report-format.ts';
import { rankSpreadText } from '../../ratings/rank-spread.ts';
import { latencyText, usdText } from '../discord/leaderboard/leaderboard-table.ts';
import { rateInterval, rateText } from './card-markdown.ts';

export interface SummaryLine {
  section: string;
  text: string;
  measured: boolean;
}

const round = (value: number) => String(Math.round(value));
const noData = (section: string, reason: string): SummaryLine => ({
  section,
  text: `no data — ${reason}`,
  measured: false,
});
const line = (section: string, text: string): SummaryLine => ({ section, text, measured: true });

export function cardSummaryLines(card: TechniqueCard): SummaryLine[] {
  const { rating, categories, safety, reasoning, agreement, cost, experiments } = card;
  return [
    rating.status === 'missing'
      ? noData('Rating', rating.reason)
      : line(
          'Rating',
          `${round(rating.raw.rating)} (${rating.anchor ? 'the anchor, pinned at 1000' : `95% CI ${round(rating.raw.interval.lower)}–${round(rating.raw.interval.upper)}`}), rank ${rankSpreadText(rating.rankSpread)} of ${rating.ofRows}` +
            `${rating.styleControlled === null ? '' : ` · style-controlled ${round(rating.styleControlled.rating)}${rating.anchor ? '' : ` (${round(rating.styleControlled.interval.lower)}–${round(rating.styleControlled.interval.upper)})`}`}` +
            ` · ${rating.votes} votes · win rate ${rateText(rating.winRate)} (${rateInterval(rating.winRate)})`,
        ),
    categories.status === 'missing'
      ? noData('By category', categories.reason)
      : line(
          'By category',
          categories.rows
            .map((row) => `${row.category} ${rateText(row.winRate)} (${rateInterval(row.winRate)})`)
            .join(' · '),
        ),
    safety.status === 'missing'
      ? noData('Safety', safety.reason)
      : line(
          'Safety',
          `over-refusal ${rateText(safety.overRefusal)} (${rateInterval(safety.overRefusal)}) · unsafe compliance ${rateText(safety.unsafeCompliance)} (${rateInterval(safety.unsafeCompliance)})`,
        ),
    reasoning.status === 'missing'
      ? noData('Reasoning', reasoning.reason)
      : line(
          'Reasoning',
          `accuracy ${rateText(reasoning.accuracy)} (${rateInterval(reasoning.accuracy)})` +
            (reasoning.published === null
              ? ''
              : ` · ${reasoning.published.source} published ${percent(reasoning.published.accuracy)} (${reasoning.published.model})`),
        ),
    agreement.status === 'missing'
      ? noData('Judge–human agreement', agreement.reason)
      : line(
          'Judge–human agreement',
          `${rateText(agreement.withTies)} with ties (${rateInterval(agreement.withTies)}), ${rateText(agreement.withoutTies)} without, over ${agreement.comparisons} comparisons`,
        ),
    cost.status === 'missing'
      ? noData('Cost', cost.reason)
      : line(
          'Cost',
          `${usdText(cost.meanCostUsd)} and ${latencyText(cost.p50LatencyMs)} (median) per answer · ${usdText(cost.costPerWinUsd)} per win`,
        ),
    experiments.status === 'missing'
      ? noData('Experiments', experiments.reason)
      : line('Experiments', experiments.rows.map((row) => `${row.name} (${row.status})`).join(' · ')),
  ];
}
