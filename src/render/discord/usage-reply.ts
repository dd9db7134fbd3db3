// /usage as a Components v2 message: one's own use today and this month against the hourly limits and the daily
// budget, and for admins the server's month by user hash (truncated) and by pipeline.
import { plural } from '../../base/plural.ts';
import type { UseTotals } from '../../records/quotas/use-totals.ts';
import { formatCost } from '../format-totals.ts';
import { container, separator, textDisplay, v2Message, type V2Message } from './v2/v2-parts.ts';

export interface HourlyLimit {
  used: number;
  /** 0: unlimited. */
  perHour: number;
}

export interface UsageView {
  inGuild: boolean;
  today: UseTotals;
  month: UseTotals;
  compares: HourlyLimit;
  answers: HourlyLimit;
  /** The scope's spend today against its daily cap (0: no cap). */
  budget: { capUsd: number; spentUsd: number; incomplete: boolean };
  /** Admins only: the scope's month. */
  server?: {
    month: UseTotals;
    byUser: Array<[userHash: string, UseTotals]>;
    byPipeline: Array<[pipelineId: string, UseTotals]>;
  };
}

/** Rows shown per admin table: the text of a v2 message is capped at 4,000 characters. */
export const ADMIN_ROWS = 10;
/** Enough of a salted hash to tell users apart on one server, too little to match it against other data. */
export const SHOWN_HASH_LENGTH = 8;

const cost = (totals: UseTotals) => `${totals.costIncomplete ? 'at least ' : ''}${formatCost(totals.costUsd)}`;

const figures = (totals: UseTotals) =>
  [
    plural(totals.runs.compare, 'comparison'),
    plural(totals.runs.answer, 'answer'),
    plural(totals.calls, 'model call'),
    plural(totals.tokens, 'token'),
    cost(totals),
  ].join(' · ');

function limitLine(name: string, limit: HourlyLimit): string {
  if (limit.perHour <= 0) return `${name} this hour: ${limit.used} (no limit)`;
  return `${name} this hour: ${limit.used} of ${limit.perHour} (${Math.max(0, limit.perHour - limit.used)} left)`;
}

function budgetLine(view: UsageView): string {
  const whose = view.inGuild ? 'Server budget today' : 'Direct-message budget today';
  const spent = `${view.budget.incomplete ? 'at least ' : ''}${formatCost(view.budget.spentUsd)}`;
  if (view.budget.capUsd <= 0) return `${whose}: ${spent} spent (no cap)`;
  return `${whose}: ${spent} of ${formatCost(view.budget.capUsd)} (resets 00:00 UTC)`;
}

const tableRow = ([name, totals]: [string, UseTotals]) =>
  `${name.padEnd(14)} ${String(totals.calls).padStart(6)} ${String(totals.tokens).padStart(9)} ${cost(totals).padStart(10)}`;

function table(title: string, rows: Array<[string, UseTotals]>): string {
  const sorted = [...rows].sort((a, b) => b[1].calls - a[1].calls);
  const shown = sorted.slice(0, ADMIN_ROWS);
  const more = sorted.length > shown.length ? `\n-# ${sorted.length - shown.length} more not shown` : '';
  const header = `${''.padEnd(14)} ${'calls'.padStart(6)} ${'tokens'.padStart(9)} ${'cost'.padStart(10)}`;
  return `**${title}**\n\`\`\`\n${[header, ...shown.map(tableRow)].join('\n')}\n\`\`\`${more}`;
}

export function renderUsage(view: UsageView): V2Message {
  const where = view.inGuild ? 'in this server' : 'in direct messages';
  const own = container([
    textDisplay(`## Your use ${where}`),
    textDisplay(`**Today (UTC)**\n${figures(view.today)}\n**This month**\n${figures(view.month)}`),
    separator(),
    textDisplay(
      [
        '**Limits**',
        limitLine('Comparisons', view.compares),
        limitLine('Answers', view.answers),
        budgetLine(view),
      ].join('\n'),
    ),
  ]);
  const components = [own];
  if (view.server) {
    const { month, byUser, byPipeline } = view.server;
    components.push(
      container([
        textDisplay(`## This server this month\n${figures(month)}`),
        textDisplay(
          table(
            'By user (salted hash)',
            byUser.map(([hash, totals]) => [hash.slice(0, SHOWN_HASH_LENGTH), totals]),
          ),
        ),
        textDisplay(table('By pipeline', byPipeline)),
      ]),
    );
  }
  return v2Message(components);
}
