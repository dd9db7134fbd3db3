// Which preferences an export records: votes filtered by date, reveal and place (direct messages stay out unless
// asked for), then one decision per vote or, with majority aggregation, one per comparison (flagged when voters
// disagreed). Pure; no store.
import type { ExportComparison } from './export-comparison.ts';
import { UserError } from '../base/user-error.ts';
import { choiceKey, compareVoteTime } from '../ratings/sort-votes.ts';
import { toExportComparisonMap, type ExportComparisonSource } from './export-comparison.ts';
import type { VoteChoice, VoteRecord } from '../records/votes/vote.ts';

export interface ExportOptions {
  /** ISO date or time: only votes cast at or after it. */
  since?: string;
  /** Also export votes cast after the voter revealed the pipelines. Default false. */
  includeAfterReveal?: boolean;
  /** 'per-vote' (default): one record set per vote. 'majority': one per comparison, by plurality. */
  aggregate?: 'per-vote' | 'majority';
  /** KTO only: also label best-of-N losers false. Default false. */
  losersNegative?: boolean;
  /** Also export comparisons made in direct messages with the bot. Default false: what people say in private stays out. */
  includeDirectMessages?: boolean;
}

export interface Decision {
  comparison: ExportComparison;
  choice: VoteChoice;
  /** The votes that made this choice (one per vote; the agreeing majority otherwise). */
  agreeing: VoteRecord[];
  /** Votes counted on the comparison. */
  votes: number;
  aggregate: 'per-vote' | 'majority';
}

export interface DecisionSkips {
  /** Votes on comparisons made in direct messages, left out unless asked for. */
  directMessages: number;
  afterReveal: number;
  beforeSince: number;
  missingComparison: number;
  /** Comparisons whose voters had no single most common choice (majority aggregation). */
  noMajority: number;
}

export function selectDecisions(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): { decisions: Decision[]; skipped: DecisionSkips } {
  const byId = toExportComparisonMap(comparisons);
  const since = options.since === undefined ? null : parseSince(options.since);
  const skipped: DecisionSkips = {
    directMessages: 0,
    afterReveal: 0,
    beforeSince: 0,
    missingComparison: 0,
    noMajority: 0,
  };
  const kept: VoteRecord[] = [];
  for (const vote of [...votes].sort(compareVoteTime)) {
    if (vote.afterReveal && options.includeAfterReveal !== true) skipped.afterReveal += 1;
    else if (since !== null && !(Date.parse(vote.castAt) >= since)) skipped.beforeSince += 1;
    else if (!byId.has(vote.comparisonId)) skipped.missingComparison += 1;
    else if (byId.get(vote.comparisonId)!.guildId === null && options.includeDirectMessages !== true)
      skipped.directMessages += 1;
    else kept.push(vote);
  }
  if (options.aggregate !== 'majority') {
    const decisions = kept.map((vote) => ({
      comparison: byId.get(vote.comparisonId)!,
      choice: vote.choice,
      agreeing: [vote],
      votes: 1,
      aggregate: 'per-vote' as const,
    }));
    return { decisions, skipped };
  }
  const byComparison = new Map<string, VoteRecord[]>();
  for (const vote of kept) byComparison.set(vote.comparisonId, [...(byComparison.get(vote.comparisonId) ?? []), vote]);
  const decisions: Decision[] = [];
  for (const [comparisonId, comparisonVotes] of byComparison) {
    const decision = majorityOf(byId.get(comparisonId)!, comparisonVotes);
    if (decision === null) skipped.noMajority += 1;
    else decisions.push(decision);
  }
  return { decisions, skipped };
}

/** The most common choice, or null when two choices share the top count (there is no majority to record). */
function majorityOf(comparison: ExportComparison, votes: VoteRecord[]): Decision | null {
  const groups = new Map<string, VoteRecord[]>();
  for (const vote of votes) groups.set(choiceKey(vote.choice), [...(groups.get(choiceKey(vote.choice)) ?? []), vote]);
  const ranked = [...groups.values()].sort((left, right) => right.length - left.length);
  const [top, runnerUp] = ranked;
  if (top === undefined || (runnerUp !== undefined && runnerUp.length === top.length)) return null;
  return { comparison, choice: top[0]!.choice, agreeing: top, votes: votes.length, aggregate: 'majority' };
}

function parseSince(since: string): number {
  const time = Date.parse(since);
  if (Number.isNaN(time))
    throw new UserError('invalid-option', `since must be an ISO date such as 2026-11-01 (got "${since}")`);
  return time;
}
