// A technique card as Markdown: one section per kind of evidence, in the order a reader weighs a technique (how it
// is rated, where it wins, how safe, how right, whether the judge agrees, what it costs, what it does, what was
// tested). Drawn from the card JSON alone; a missing section prints its reason instead of figures.
import type { Rate, TechniqueCard } from '../../cards/technique-card.ts';
import { markdownTable, percent } from '../../eval/report-format.ts';
import { rankSpreadText } from '../../ratings/rank-spread.ts';
import { latencyText, usdText } from '../discord/leaderboard/leaderboard-table.ts';
import { VERSION_DIGITS } from '../../ratings/row-keys.ts';

/** The section headings, in order: tests and the page check every card has each. */
export const CARD_SECTIONS = [
  'Rating',
  'Win rate by prompt category',
  'Safety',
  'Reasoning',
  'Judge–human agreement',
  'Cost and latency',
  'Steps and prompts',
  'Experiments',
] as const;

type Section = (typeof CARD_SECTIONS)[number];

const round = (value: number) => String(Math.round(value));
/** The anchor's interval is [1000, 1000] by construction: the others are measured against it. */
const ANCHOR = 'anchor (pinned at 1000)';
const span = ({ lower, upper }: { lower: number; upper: number }) => `${round(lower)}–${round(upper)}`;
export const rateText = (rate: Rate): string => (rate.rate === null ? 'n/a' : percent(rate.rate));
export const rateInterval = (rate: Rate): string =>
  rate.rate === null ? '–' : `${percent(rate.interval.lower)}–${percent(rate.interval.upper)}`;
const rateCells = (rate: Rate) => [rateText(rate), rateInterval(rate), `${rate.count}/${rate.of}`];
const missingLine = (reason: string) => `_No data: ${reason}._`;
/** A prompt shown verbatim: a fence longer than any backtick run inside it. */
const fenced = (text: string) => {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
};

function rating(card: TechniqueCard): string[] {
  const section = card.rating;
  if (section.status === 'missing') return [missingLine(section.reason)];
  const spread = `${rankSpreadText(section.rankSpread)} of ${section.ofRows}`;
  const styled = section.styleControlled;
  return [
    markdownTable(
      ['', 'rating', '95% CI', 'rank'],
      [
        ['raw', round(section.raw.rating), section.anchor ? ANCHOR : span(section.raw.interval), spread],
        styled === null
          ? ['style-controlled', '–', '–', '–']
          : [
              'style-controlled',
              round(styled.rating),
              section.anchor ? ANCHOR : span(styled.interval),
              String(styled.rank),
            ],
      ],
    ),
    '',
    `Board row \`${section.row}\` (votes from ${card.scope}): ${section.votes} votes on ${section.comparisons} comparisons from ${section.voters} voters · ` +
      `${section.wins} wins, ${section.losses} losses, ${section.ties} ties · win rate ${rateText(section.winRate)} (95% CI ${rateInterval(section.winRate)}).`,
    ...(section.provisional.length === 0 ? [] : [`Provisional: ${section.provisional.join(', ')}.`]),
    ...(section.otherVersions.length === 0
      ? []
      : [`Other versions on the board: ${section.otherVersions.map((row) => `\`${row}\``).join(', ')}.`]),
  ];
}

function categories(card: TechniqueCard): string[] {
  const section = card.categories;
  if (section.status === 'missing') return [missingLine(section.reason)];
  return [
    markdownTable(
      ['category', 'win rate', '95% CI', 'wins/decisive', 'ties'],
      section.rows.map((row) => [row.category, ...rateCells(row.winRate), String(row.ties)]),
    ),
    ...(section.rows.some((row) => row.category === 'other')
      ? ['', '`other` also holds the comparisons stored before prompts had categories.']
      : []),
  ];
}

function safety(card: TechniqueCard): string[] {
  const section = card.safety;
  if (section.status === 'missing') return [missingLine(section.reason)];
  return [
    markdownTable(
      ['', 'rate', '95% CI', 'count'],
      [
        ['over-refusal on safe prompts', ...rateCells(section.overRefusal)],
        ['compliance on unsafe prompts', ...rateCells(section.unsafeCompliance)],
      ],
    ),
    '',
    `Lower is better in both. From the safety run in \`${section.source.file}\` (started ${section.source.at})` +
      `${section.leftOut === 0 ? '' : `; ${section.leftOut} answers left out (the pipeline failed or the judge could not classify)`}.`,
  ];
}

function reasoning(card: TechniqueCard): string[] {
  const section = card.reasoning;
  if (section.status === 'missing') return [missingLine(section.reason)];
  const paper = section.published;
  return [
    markdownTable(
      ['', 'accuracy', '95% CI', 'correct'],
      [
        [`${card.pipeline.id} (this version)`, ...rateCells(section.accuracy)],
        paper === null
          ? ['published', 'no paper row for this technique', '', '']
          : [
              `${paper.source}: ${paper.method}, ${paper.model} (published)`,
              percent(paper.accuracy),
              '–',
              'full GSM8K',
            ],
      ],
    ),
    '',
    `From the reasoning run in \`${section.source.file}\` (started ${section.source.at}). The published row used other models and the full GSM8K test set: a reference, not a target.`,
  ];
}

function agreement(card: TechniqueCard): string[] {
  const section = card.agreement;
  if (section.status === 'missing') return [missingLine(section.reason)];
  const cell = (rate: Rate) => `${rateText(rate)} (${rateInterval(rate)}, ${rate.count}/${rate.of})`;
  return [
    markdownTable(
      ['', 'with ties', 'without ties'],
      [
        [`${section.source.judgeModel} vs human majority`, cell(section.withTies), cell(section.withoutTies)],
        [`${section.published.source}`, percent(section.published.withTies), percent(section.published.withoutTies)],
      ],
    ),
    '',
    `Over the ${section.comparisons} judged comparisons where this version answered, from \`${section.source.file}\`.`,
  ];
}

function cost(card: TechniqueCard): string[] {
  const section = card.cost;
  if (section.status === 'missing') return [missingLine(section.reason)];
  return [
    markdownTable(
      ['cost per answer', 'p50 latency per answer', 'cost per win', 'answers'],
      [
        [
          usdText(section.meanCostUsd),
          latencyText(section.p50LatencyMs),
          usdText(section.costPerWinUsd),
          String(section.answers),
        ],
      ],
    ),
    '',
    'From the answers of the counted comparisons, every model call of the pipeline included; – where prices are unknown.',
  ];
}

function steps(card: TechniqueCard): string[] {
  const { pipeline } = card;
  return [
    ...pipeline.steps.flatMap((step, index) => [
      `### ${index + 1}. \`${step.id}\` (${step.kind})`,
      '',
      step.settings.map((setting) => `${setting.name}: ${setting.value}`).join(' · '),
      ...step.prompts.flatMap((prompt) => ['', `**${prompt.name}**`, '', fenced(prompt.text)]),
      '',
    ]),
    '**System prompt**',
    '',
    fenced(pipeline.system),
  ];
}

function experiments(card: TechniqueCard): string[] {
  const section = card.experiments;
  if (section.status === 'missing') return [missingLine(section.reason)];
  return [
    markdownTable(
      ['experiment', 'status', 'arms', 'result'],
      section.rows.map((row) => [`${row.name} (\`${row.id}\`)`, row.status, row.arms.join(' vs '), row.result ?? '–']),
    ),
  ];
}

const SECTIONS: Record<Section, (card: TechniqueCard) => string[]> = {
  Rating: rating,
  'Win rate by prompt category': categories,
  Safety: safety,
  Reasoning: reasoning,
  'Judge–human agreement': agreement,
  'Cost and latency': cost,
  'Steps and prompts': steps,
  Experiments: experiments,
};

export function renderCardMarkdown(card: TechniqueCard): string {
  const { pipeline } = card;
  return [
    `# ${pipeline.label} (\`${pipeline.id}\` @ ${pipeline.version.slice(0, VERSION_DIGITS)})`,
    '',
    pipeline.description,
    '',
    `_Version ${pipeline.version} · generator ${pipeline.models.generator} · judge ${pipeline.models.judge} · votes from ${card.scope} · made ${card.generatedAt}._`,
    ...CARD_SECTIONS.flatMap((name) => ['', `## ${name}`, '', ...SECTIONS[name](card)]),
    '',
  ].join('\n');
}
