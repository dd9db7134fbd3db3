// /leaderboard as a Discord message: the ranked table in a code block (content is wider than an embed),
// the head-to-head matrix and the position-bias check in embeds, how ratings are made in the footer, and the
// whole leaderboard as JSON for researchers, after the chart PNGs. Pure and deterministic: the same board
// gives the same message.
import { inlineCode, type APIEmbed } from 'discord.js';
import type { Leaderboard } from '../../../ratings/leaderboard.ts';
import type { ChartFile } from '../../charts/leaderboard-charts.ts';
import { leaderboardJson } from '../../leaderboard-json.ts';
import { plural } from '../../../base/plural.ts';
import { fitLines } from '../text/fit-lines.ts';
import { ratingLegend, ratingTableLines, tableIdWidth } from './leaderboard-table.ts';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TOTAL_MAX,
  MESSAGE_CONTENT_MAX,
} from '../text/discord-limits.ts';
import { pairwiseTableLines } from './pairwise-table.ts';
import { positionBiasLines } from './position-bias-text.ts';
import { styleControlLines } from './style-control-text.ts';
import { CATEGORY_TABLE_NOTE, categoryTableLines, showsCategories } from '../../category-table-text.ts';

export type LeaderboardScope = 'server' | 'global';

export type BoardState = 'current' | 'recounting' | 'stale';

const STATE_NOTE: Record<BoardState, string> = {
  current: '',
  recounting: ' · votes have changed since: recounting, this message updates itself when done',
  stale: ' · votes have changed since, but the recount failed: run /leaderboard again later',
};

export interface LeaderboardView {
  scope: LeaderboardScope;
  guildId: string | null;
  /** When the board was counted; 'recounting' or 'stale' (the recount failed) when votes changed since. */
  counted?: { at: Date; state: BoardState };
}

export interface LeaderboardMessage {
  content: string;
  embeds: APIEmbed[];
  files: { name: string; attachment: Buffer }[];
  allowedMentions: { parse: [] };
}

export const EMPTY_LEADERBOARD = 'No votes yet: run /compare and react to vote.';
export const LEADERBOARD_FILE = 'leaderboard.json';

const fence = (lines: string[]) => `\`\`\`\n${lines.join('\n')}\n\`\`\``;

function countsLine(board: Leaderboard): string {
  const { counts, settings } = board;
  const counted =
    counts.given -
    counts.afterReveal -
    counts.overCap -
    counts.early -
    counts.leaked -
    counts.missingComparison -
    counts.otherModel -
    counts.otherCategory -
    counts.unmatched;
  const parts = [
    `**${plural(counted, 'vote')}** counted`,
    settings.excludeTies
      ? 'ties and all-bad votes left out of the ratings'
      : 'ties and all-bad votes count half a win for each side',
    counts.afterReveal > 0 ? `${counts.afterReveal} cast after a reveal left out` : '',
    settings.includeAfterReveal ? 'votes cast after a reveal included' : '',
    counts.overCap > 0 ? `${counts.overCap} past a voter’s daily vote cap left out` : '',
    settings.includeOverCap ? 'votes past the daily cap included' : '',
    counts.early > 0 ? `${counts.early} cast before the chosen answer was in left out` : '',
    settings.includeEarly ? 'votes cast before the chosen answer was in included' : '',
    counts.leaked > 0
      ? `${counts.leaked} on comparisons whose answers gave their technique away left out (leak guard)`
      : '',
    settings.includeLeaked ? 'votes on leak-flagged comparisons included' : '',
    counts.missingComparison > 0 ? `${counts.missingComparison} on comparisons no longer stored left out` : '',
    counts.otherModel > 0
      ? `${counts.otherModel} on comparisons without two answers by ${inlineCode(settings.model ?? 'the model')} left out${draftedBy(board)}`
      : '',
    counts.otherCategory > 0
      ? `${counts.otherCategory} on prompts of other categories left out (category ${inlineCode(settings.category ?? '')})`
      : '',
    counts.unmatched > 0
      ? `${counts.unmatched} on comparisons mixing models or parameters left out (matched only)`
      : '',
    counts.withoutOutcomes > 0
      ? `${counts.withoutOutcomes} gave no outcome (fewer than two finished answers, or a failed answer picked${settings.model === null ? '' : ', or an answer by another model'})`
      : '',
  ];
  return `Votes: ${parts.filter(Boolean).join(' · ')}`;
}

const MODELS_NAMED = 6;

/** The models the votes' answers came from, for someone whose model: matched too little (served names carry dates). */
function draftedBy({ models, settings }: Leaderboard): string {
  const others = models.filter((model) => model !== settings.model);
  if (others.length === 0) return '';
  const more = others.length > MODELS_NAMED ? ` and ${others.length - MODELS_NAMED} more` : '';
  return ` (their answers came from ${others
    .slice(0, MODELS_NAMED)
    .map((model) => inlineCode(model))
    .join(', ')}${more})`;
}

function ratingsFooter(board: Leaderboard): string {
  const anchor = board.anchor === null ? 'mean = 1000 (no plain pipeline)' : `${board.anchor} = 1000`;
  const weights =
    board.settings.weights === 'balanced'
      ? ' Balanced weights: each pair of rows weighs the same, however often it met.'
      : '';
  return (
    `Ratings: Bradley–Terry fit on the 400-point Elo scale, ${anchor}.${weights} ${intervalsText(board.settings)}: the same votes always give the same board. ` +
    "Rank = the ranks the CIs allow (Arena's rank spread): best = 1 + the pipelines whose whole CI lies above, worst = those whose CI reaches this one's lower end." +
    (board.settings.versions === 'split'
      ? ' A pipeline whose file, rules, model or parameters changed has a row per version (name@hash).'
      : '') +
    modelNote(board.settings)
  );
}

export function intervalsText({ intervals, bootstrapRounds, seed }: Leaderboard['settings']): string {
  if (intervals === 'sandwich')
    return '95% CI from the sandwich estimator with the comparison (all its votes) as the cluster';
  return bootstrapRounds > 0
    ? `95% CI from a ${bootstrapRounds}-round bootstrap over comparisons (each with all its votes), seed ${seed}`
    : 'no bootstrap, so no intervals';
}

/** How models shape the rows: cells by drafting model, and ranking within one model. */
function modelNote(settings: Leaderboard['settings']): string {
  return (
    (settings.byModel
      ? ' Rows are technique · model cells, by the model that drafted the answers; every pair of cells in a comparison counts.'
      : '') +
    (settings.model === null
      ? ''
      : ` Only answers drafted by ${settings.model} count: in a comparison across models, only pairs of its answers yield outcomes.`)
  );
}

function tableContent(board: Leaderboard, title: string): string {
  const { header, lines } = ratingTableLines(board.rows, board.anchor, tableIdWidth(board.settings.byModel));
  const after = `${ratingLegend(board.rows, board.settings.minVotes)}\n${countsLine(board)}`;
  const frame = `${title}\n${fence([header, ''])}\n${after}`;
  const budget = MESSAGE_CONTENT_MAX - frame.length;
  const rows = fitLines(lines, budget, (left) => `… ${plural(left, 'more pipeline')} in ${LEADERBOARD_FILE}`);
  return `${title}\n${fence([header, rows])}\n${after}`.slice(0, MESSAGE_CONTENT_MAX);
}

function matrixEmbed(board: Leaderboard): APIEmbed {
  const { lines, omitted } = pairwiseTableLines(board.matrix, tableIdWidth(board.settings.byModel));
  const note =
    'Share of decisive battles the row pipeline won against the column (ties excluded; – = none yet).' +
    (omitted > 0 ? ` ${plural(omitted, 'more pipeline')} in ${LEADERBOARD_FILE}.` : '');
  return { title: 'Head-to-head', description: `${fence(lines)}\n${note}`.slice(0, EMBED_DESCRIPTION_MAX) };
}

function styleEmbeds(board: Leaderboard): APIEmbed[] {
  if (board.style === null) return [];
  return [
    {
      title: 'Style control (what length and markdown alone are worth)',
      description: styleControlLines(board.style).join('\n').slice(0, EMBED_DESCRIPTION_MAX),
    },
  ];
}

/** The category table shares the message's 6,000 embed characters with the others: a modest part, at most. */
const CATEGORY_EMBED_MAX = 1500;

const embedLength = (embed: APIEmbed) =>
  (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);

/** `others` are the message's other embeds: the table takes only what they leave of Discord's total. */
function categoryEmbeds(board: Leaderboard, others: readonly APIEmbed[]): APIEmbed[] {
  const table = board.categoryTable;
  if (!showsCategories(table)) return [];
  const title = `Where each technique helps (vs ${table.baseline}, by prompt category)`;
  const room = Math.min(
    CATEGORY_EMBED_MAX,
    EMBED_TOTAL_MAX - others.reduce((total, embed) => total + embedLength(embed), 0) - title.length,
  );
  const note = `-# ${CATEGORY_TABLE_NOTE} Columns: ${table.categories
    .map(({ category, votes }) => `${category} ${votes}`)
    .join(', ')} counted votes.`;
  if (room < note.length + 100) return [];
  const lines = fitLines(
    categoryTableLines(table, (text) => `**${text}**`),
    room - note.length - 1,
    (left) => `…and ${plural(left, 'more technique')} in ${LEADERBOARD_FILE}`,
  );
  return [{ title, description: `${lines}\n${note}` }];
}

/** The table goes after the matrix and style, before the reason tags and the bias check (which ends the message). */
function withCategoryTable(board: Leaderboard, embeds: APIEmbed[]): APIEmbed[] {
  const table = categoryEmbeds(board, embeds);
  const at = embeds.length - 1 - (reasonTagsEmbeds(board).length > 0 ? 1 : 0);
  return [...embeds.slice(0, at), ...table, ...embeds.slice(at)];
}

const TOP_TAGS = 3;

function reasonTagsEmbeds(board: Leaderboard): APIEmbed[] {
  const lines = board.rows
    .filter((row) => row.reasonTags.length > 0)
    .map(
      (row) =>
        `**${row.pipelineId}**: ${row.reasonTags
          .slice(0, TOP_TAGS)
          .map(({ tag, count }) => `${tag} ${count}`)
          .join(' · ')}`,
    );
  if (lines.length === 0) return [];
  const description = fitLines(
    lines,
    EMBED_DESCRIPTION_MAX,
    (left) => `…and ${plural(left, 'more pipeline')} in ${LEADERBOARD_FILE}`,
  );
  return [{ title: 'Why voters picked them (reason tags from “Why?”, top 3)', description }];
}

function biasEmbed(board: Leaderboard): APIEmbed {
  const lines = positionBiasLines(board.positionBias);
  const description = fitLines(
    lines,
    EMBED_DESCRIPTION_MAX,
    (left) => `…and ${plural(left, 'more group')} in ${LEADERBOARD_FILE}`,
  );
  return {
    title: 'Position bias (slot letters are shuffled, so picks should spread evenly)',
    description,
    footer: { text: ratingsFooter(board).slice(0, EMBED_FOOTER_MAX) },
  };
}

/** `charts` are the PNGs from renderLeaderboardCharts, attached before leaderboard.json (rendering them is async). */
/** Discord shows <t:…:R> as a relative time in each reader's own locale ("2 minutes ago"). */
function countedLine(counted: NonNullable<LeaderboardView['counted']>): string {
  const when = `Counted <t:${Math.floor(counted.at.getTime() / 1000)}:R>`;
  return `-# ${when}${STATE_NOTE[counted.state]}`;
}

export function renderLeaderboard(
  board: Leaderboard,
  view: LeaderboardView,
  charts: ChartFile[] = [],
): LeaderboardMessage {
  const { settings } = board;
  const flags = [
    settings.minVotes > 0 ? `min-votes ${settings.minVotes}` : '',
    settings.matchedOnly ? 'matched models only' : '',
    settings.versions === 'pool' ? 'versions pooled' : '',
    settings.byModel ? 'by model' : '',
    settings.intervals === 'bootstrap' ? 'bootstrap intervals' : '',
    settings.weights === 'balanced' ? 'balanced pair weights' : '',
    settings.model === null ? '' : `model ${inlineCode(settings.model)}`,
    settings.category === null ? '' : `category ${inlineCode(settings.category)}`,
  ]
    .filter(Boolean)
    .map((flag) => ` · ${flag}`)
    .join('');
  const heading = `**Leaderboard · ${view.scope === 'server' ? 'this server' : 'all servers'}**${flags}`;
  const title = view.counted === undefined ? heading : `${heading}\n${countedLine(view.counted)}`;
  if (board.rows.length === 0) {
    const content =
      board.counts.given === 0
        ? EMPTY_LEADERBOARD
        : `No vote${settings.category === null ? '' : ` on a ${inlineCode(settings.category)} prompt`} counts toward a rating yet: run /compare and react to vote.\n-# ${countsLine(board)}`;
    return { content: `${title}\n${content}`, embeds: [], files: [], allowedMentions: { parse: [] } };
  }
  const json = leaderboardJson(board, view);
  return {
    content: tableContent(board, title),
    embeds: withCategoryTable(board, [
      matrixEmbed(board),
      ...styleEmbeds(board),
      ...reasonTagsEmbeds(board),
      biasEmbed(board),
    ]),
    files: [...charts, { name: LEADERBOARD_FILE, attachment: Buffer.from(json, 'utf8') }],
    allowedMentions: { parse: [] },
  };
}
