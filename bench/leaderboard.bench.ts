// Leaderboard speed: 150 000 seeded synthetic votes among 8 pipelines (4 slots per comparison, 1–3 voters each,
// answers of varied length and markdown), full build with the default options (sandwich intervals for the raw and
// the style-controlled ratings, the flip search on every adjacent pair), against a budget. Runs on import: `node bench/leaderboard.bench.ts`.
import { SLOT_LETTERS, type ComparisonRecord } from '../src/records/comparisons/comparison.ts';
import { ballotOf } from '../src/records/comparisons/ballot-of.ts';
import { buildLeaderboard } from '../src/ratings/build-leaderboard.ts';
import { seededRandom } from '../src/base/seeded-random.ts';
import type { VoteChoice, VoteRecord } from '../src/records/votes/vote.ts';

const VOTES = 150_000;
const BUDGET_MS = 10_000;
const STRENGTHS = new Map([
  ['plain', 0],
  ['few-shot', 0.1],
  ['cot', 0.3],
  ['self-consistency', 0.35],
  ['rules', -0.2],
  ['constitution', 0.15],
  ['best-of-n', 0.5],
  ['cot-terse', -0.1],
]);
const PIPELINES = [...STRENGTHS.keys()];
const random = seededRandom(7);

function comparisonAt(index: number): ComparisonRecord {
  const shuffled = [...PIPELINES].sort(() => random() - 0.5).slice(0, 4);
  const failedSlot = random() < 0.02 ? Math.floor(random() * 4) : -1;
  return {
    id: `c${index}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    guildId: 'guild',
    channelId: 'channel',
    messageId: `m${index}`,
    requesterHash: 'requester',
    conversation: [{ role: 'user', content: `Question ${index}` }],
    status: 'done',
    slots: shuffled.map((pipelineId, slot) => ({
      letter: SLOT_LETTERS[slot]!,
      pipelineId,
      result: {
        pipelineId,
        label: pipelineId,
        status: slot === failedSlot ? 'error' : 'ok',
        answer: slot === failedSlot ? null : answerOf(pipelineId, index),
        trace: [],
        totals: { calls: 1, tokensIn: 1, tokensOut: 1, costUsd: null, latencyMs: 1 },
      },
    })),
  };
}

/** 5–120 words, some as a list or with bold spans: style control needs varied features. */
function answerOf(pipelineId: string, index: number): string {
  const words = Array.from({ length: 5 + Math.floor(random() * 115) }, (_, word) => `w${word % 7}`).join(' ');
  const roll = random();
  if (roll < 0.2) return `${pipelineId} says ${index}:\n- ${words}\n- **more**`;
  return `${pipelineId} says ${index}: ${words}`;
}

/** 80 % picks (softmax over strengths), 13 % ties, 7 % all-bad. */
function choiceFor(comparison: ComparisonRecord): VoteChoice {
  const roll = random();
  if (roll < 0.13) return { kind: 'tie' };
  if (roll < 0.2) return { kind: 'all-bad' };
  const weights = comparison.slots.map((slot) =>
    slot.result?.status === 'ok' ? Math.exp(STRENGTHS.get(slot.pipelineId)!) : 0,
  );
  let target = random() * weights.reduce((sum, weight) => sum + weight, 0);
  const slot = weights.findIndex((weight) => (target -= weight) < 0);
  return { kind: 'pick', slot: slot < 0 ? 0 : slot };
}

const comparisons = new Map<string, ComparisonRecord>();
const votes: VoteRecord[] = [];
for (let index = 0; votes.length < VOTES; index += 1) {
  const comparison = comparisonAt(index);
  comparisons.set(comparison.id, comparison);
  const voters = 1 + Math.floor(random() * 3);
  for (let voter = 0; voter < voters && votes.length < VOTES; voter += 1) {
    votes.push({
      comparisonId: comparison.id,
      voterHash: `v${Math.floor(random() * 500)}-${voter}`,
      choice: choiceFor(comparison),
      castAt: new Date(Date.parse(comparison.createdAt) + voter * 1000).toISOString(),
      afterReveal: random() < 0.03,
      guildId: 'guild',
    });
  }
}

const ballots = [...comparisons.values()].map(ballotOf);
const rawOnly = performance.now();
buildLeaderboard(votes, ballots, { styleControl: false });
const rawElapsed = performance.now() - rawOnly;
const started = performance.now();
const leaderboard = buildLeaderboard(votes, ballots);
const elapsed = performance.now() - started;
console.log(
  `leaderboard: ${votes.length} votes (${leaderboard.counts.rated} rated), ${leaderboard.rows.length} pipelines, ${leaderboard.settings.intervals === 'bootstrap' ? `${leaderboard.settings.bootstrapRounds} bootstrap rounds` : 'sandwich intervals'}, flip search on every adjacent pair`,
);
console.log(
  `raw ratings alone ${rawElapsed.toFixed(0)} ms; with style control (${leaderboard.style?.comparisons ?? 0} comparisons):`,
);
console.log(
  `wall time ${elapsed.toFixed(0)} ms = ${(elapsed / BUDGET_MS).toFixed(2)} x the ${BUDGET_MS} ms budget${elapsed > BUDGET_MS ? ' (OVER BUDGET)' : ''}`,
);
console.log(
  `top: ${leaderboard.rows
    .slice(0, 3)
    .map(
      (row) =>
        `${row.pipelineId} ${row.rating.toFixed(0)} [${row.interval.lower.toFixed(0)}, ${row.interval.upper.toFixed(0)}]`,
    )
    .join('; ')}`,
);
