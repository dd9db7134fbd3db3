// The public leaderboard page as one HTML document: the ratings table (raw and style-controlled, 95% intervals,
// votes, provisional marks), the charts, what style is worth, position bias, vote counts, the technique cards, the
// method and the dataset download. Pure: a snapshot in (and the cards), text out. Nothing about voters appears: no
// user ids, no voter hashes.
import type { TechniqueCard } from '../cards/technique-card.ts';
import type { StyleControlledRating } from '../ratings/leaderboard.ts';
import { rankSpreadText } from '../ratings/rank-spread.ts';
import { flipText, latencyText, ratingLegend, usdText } from '../render/discord/leaderboard/leaderboard-table.ts';
import { intervalsText } from '../render/discord/leaderboard/leaderboard-message.ts';
import { positionBiasLines } from '../render/discord/leaderboard/position-bias-text.ts';
import { styleControlLines } from '../render/discord/leaderboard/style-control-text.ts';
import { stripDiscordMarkdown } from '../render/discord/text/discord-markdown.ts';
import { plural } from '../base/plural.ts';
import { CATEGORY_TABLE_NOTE, clearOfZero, deltaText, showsCategories } from '../render/category-table-text.ts';
import type { LeaderboardSnapshot } from './leaderboard-snapshot.ts';
import { WEB_PATHS } from './web-paths.ts';
import { renderCardSection } from './card-section.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
/** The Discord texts reused here carry Discord markdown (**bold**, -# small); the page shows them plain. */
const plain = (text: string) => escapeHtml(stripDiscordMarkdown(text));
const round = (value: number) => String(Math.round(value));
const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const interval = (range: { lower: number; upper: number }) => `${round(range.lower)}–${round(range.upper)}`;
const change = (styled: StyleControlledRating) =>
  styled.rankChange === 0 ? '=' : `${styled.rankChange > 0 ? '+' : '−'}${Math.abs(styled.rankChange)}`;

function ratingsTable({ board }: LeaderboardSnapshot): string {
  const head = [
    'rank',
    'pipeline',
    'rating',
    '95% CI',
    'style-controlled',
    '95% CI',
    'Δ rank',
    'votes',
    'win',
    'tie',
    'cost per answer',
    'cost per win',
    'p50 latency',
    'flips with',
    'provisional',
  ];
  const rows = board.rows.map((row) => {
    const styled = row.styleControlled;
    const cells = [
      rankSpreadText(row.rankSpread),
      row.pipelineId,
      round(row.rating),
      row.pipelineId === board.anchor ? 'anchor' : interval(row.interval),
      styled === null ? '–' : round(styled.rating),
      styled === null || row.pipelineId === board.anchor ? '–' : interval(styled.interval),
      styled === null ? '' : change(styled),
      String(row.votes),
      percent(row.winRate),
      percent(row.tieRate),
      usdText(row.cost.meanCostUsd),
      usdText(row.cost.costPerWinUsd),
      latencyText(row.cost.p50LatencyMs),
      row.flip === null ? '–' : `${flipText(row.flip)}${row.flip.votes === null ? '' : ' votes'}`,
      row.provisional ? `yes (${row.provisionalReasons.join(', ')})` : '',
    ];
    return `<tr${row.provisional ? ' class="provisional"' : ''}>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  return `<table id="ratings"><thead><tr>${head.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function countsText({ board }: LeaderboardSnapshot): string {
  const { counts } = board;
  const parts = [
    `${plural(counts.given, 'vote')} cast`,
    `${plural(counts.rated, 'vote')} rated`,
    counts.afterReveal > 0 ? `${counts.afterReveal} cast after a reveal left out` : '',
    counts.missingComparison > 0 ? `${counts.missingComparison} on comparisons no longer stored left out` : '',
    counts.otherCategory > 0 ? `${counts.otherCategory} on prompts of other categories left out` : '',
    counts.withoutOutcomes > 0
      ? `${counts.withoutOutcomes} gave no outcome (a tie with ties excluded, or fewer than two finished answers)`
      : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function method({ board }: LeaderboardSnapshot): string {
  const anchor = board.anchor === null ? 'the mean rating is 1000' : `${board.anchor} is pinned at 1000`;
  return (
    `Each /compare shows two to eight answers to one prompt, made by different pipelines (or by pipelines crossed with models, /compare models:), ` +
    'in shuffled slots without names; people vote for the best one. ' +
    `Ratings are a Bradley–Terry fit of those votes on the 400-point Elo scale (${anchor})` +
    `${board.settings.weights === 'balanced' ? ', each pair of pipelines weighing the same however often it met (balanced weights)' : ''}. ` +
    `${intervalsText(board.settings)}. The style-controlled rating adds the differences in length and markdown ` +
    `(headers, list items, bold) to the fit, as LMArena does, so a pipeline does not win by being longer alone. ` +
    `Rank is the ranks the intervals allow, as Arena shows them: best = 1 + the pipelines whose whole interval lies above, ` +
    `worst = the pipelines whose interval reaches this one's lower bound (itself included). Provisional rows rest on too little evidence, or never lost or never won. ` +
    'A pipeline run on another model is another version of it, with a row of its own (name@hash); in Discord, /leaderboard by-model names rows ' +
    'by technique and model, and /leaderboard model: ranks the techniques within one model. ' +
    'Each prompt is given a category (maths, code, factual, advice, creative, chit-chat, safety-sensitive, other) by a judge model, ' +
    'with keyword patterns when the judge fails; the category table fits each category apart and shows each technique’s rating ' +
    'minus plain’s there. Prior work expects chain-of-thought to help mainly on maths and symbolic reasoning (Sprague et al. 2024, ' +
    '“To CoT or not to CoT?”), and Arena’s thinking variants sit within about ±10 Elo of their plain versions.'
  );
}

/** Techniques down, prompt categories across: each cell the rating difference from the baseline, or how few votes. */
function categoryTableHtml({ board }: LeaderboardSnapshot): string {
  const table = board.categoryTable;
  if (!showsCategories(table)) return '';
  const head = ['technique', ...table.categories.map(({ category, votes }) => `${category} (${votes})`)];
  const rows = table.rows.map((row) => {
    const cells = row.cells.map((cell) => {
      const text = deltaText(cell);
      if (text === null) return `<td class="thin">${plural(cell.votes, 'vote')}</td>`;
      return clearOfZero(cell) ? `<td><b>${escapeHtml(text)}</b></td>` : `<td>${escapeHtml(text)}</td>`;
    });
    return `<tr><td>${escapeHtml(row.technique)} vs ${escapeHtml(table.baseline)}</td>${cells.join('')}</tr>`;
  });
  return (
    `<h2>Where each technique helps, by prompt category</h2><table id="categories"><thead><tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>` +
    `<p class="small">${escapeHtml(CATEGORY_TABLE_NOTE)} A cell shows only how many votes there were when the technique met ${escapeHtml(table.baseline)} in fewer than ${table.minVotes} votes of that category; the column heads give each category’s counted votes.</p>`
  );
}

/** Links to the board within each category, and which one this page shows. */
function categoryNav({ board, categories = [] }: LeaderboardSnapshot): string {
  if (categories.length === 0) return '';
  const current = board.settings.category;
  const link = (label: string, category: string | null) =>
    category === current
      ? `<b>${escapeHtml(label)}</b>`
      : `<a href="${WEB_PATHS.page}${category === null ? '' : `?category=${encodeURIComponent(category)}`}">${escapeHtml(label)}</a>`;
  const shown =
    current === null
      ? 'every prompt category'
      : `only prompts in the category <b>${escapeHtml(current)}</b> (<a href="${WEB_PATHS.json}?category=${encodeURIComponent(current)}">its leaderboard.json</a>)`;
  return `<p id="category" class="small">Ranking ${shown} · ${[link('all', null), ...categories.map((category) => link(category, category))].join(' · ')}</p>`;
}

const CSS = `body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}
td:nth-child(2),th:nth-child(2){text-align:left}tr.provisional{color:#777}img{max-width:100%;height:auto;display:block;margin:1rem 0}
p.small{color:#555;font-size:.9rem}td.thin{color:#999}li.no-data{color:#777}section.card{margin:1.5rem 0}`;

export function renderLeaderboardPage(snapshot: LeaderboardSnapshot, cards: readonly TechniqueCard[]): string {
  const { board } = snapshot;
  const body =
    board.rows.length === 0
      ? '<p id="empty">No published votes yet: a server’s admins publish its comparisons with /config publish on; then run /compare there and vote.</p>'
      : [
          ratingsTable(snapshot),
          `<p class="small">${plain(ratingLegend(board.rows, board.settings.minVotes)).replace(/\n/g, '<br>')}</p>`,
          `<h2>Charts</h2><img id="ratings-chart" src="${WEB_PATHS.ratingsChart}" alt="Ratings with 95% intervals, raw and style-controlled" width="${snapshot.chartWidths.ratings}">`,
          `<img id="matrix-chart" src="${WEB_PATHS.matrixChart}" alt="Head-to-head win matrix" width="${snapshot.chartWidths.matrix}">`,
          categoryTableHtml(snapshot),
          ...(board.style === null
            ? []
            : [
                `<h2>What style is worth</h2><ul>${styleControlLines(board.style)
                  .map((line) => `<li>${plain(line)}</li>`)
                  .join('')}</ul>`,
              ]),
        ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dialog Lab leaderboard</title><style>${CSS}</style></head><body>
<h1>Dialog Lab leaderboard</h1>
<p class="small">Blind votes from the servers whose admins chose to publish them (/config publish on); nothing from direct messages · counted ${escapeHtml(snapshot.builtAt.toISOString())} (recounted within a minute of new votes) · <a href="${WEB_PATHS.json}">leaderboard.json</a></p>
${categoryNav(snapshot)}
${body}
<h2>Votes</h2><p id="counts">${escapeHtml(countsText(snapshot))}</p>
<h2>Position bias</h2><p class="small">Slot letters are shuffled, so picks should spread evenly over them.</p>
<ul id="position-bias">${positionBiasLines(board.positionBias)
    .map((line) => `<li>${plain(line).replace(/\n/g, '<br>')}</li>`)
    .join('')}</ul>
${renderCardSection(cards)}
<h2>Method</h2><p id="method">${escapeHtml(method(snapshot))}</p>
<h2>Data</h2><p><a id="dataset" href="${WEB_PATHS.dataset}" download="dialog-lab-trl-dpo.jsonl">Download the preference data</a> in TRL's DPO format
(one JSON line per vote: prompt, chosen answer, rejected answer), from the same servers. Prompts deleted by their authors are left out; nothing identifies a voter.
E-mail addresses, phone numbers, IP addresses, URLs with credentials or tokens, Discord mentions and ids, and long digit runs (card or account numbers)
are replaced by placeholders such as [email] and [phone].</p>
</body></html>
`;
}
