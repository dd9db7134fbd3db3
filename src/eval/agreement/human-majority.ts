// What the voters of one comparison said, as one label: the slot most of them picked, or 'tie' when they
// voted tie or all-bad, or split evenly between their top choices (MT-Bench counts those as ties too).
import type { VoteRecord } from '../../records/votes/vote.ts';

export type PreferenceLabel = { kind: 'slot'; slot: number } | { kind: 'tie' };

/** null when no vote counts (all cast after a reveal, or only picks of failed answers). */
export function humanMajority(votes: readonly VoteRecord[], okSlots: ReadonlySet<number>): PreferenceLabel | null {
  const tally = new Map<string, number>();
  for (const vote of votes) {
    if (vote.afterReveal) continue;
    if (vote.choice.kind === 'pick' && !okSlots.has(vote.choice.slot)) continue;
    const key = vote.choice.kind === 'pick' ? String(vote.choice.slot) : 'tie';
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  if (tally.size === 0) return null;
  const most = Math.max(...tally.values());
  const leaders = [...tally].filter(([, count]) => count === most).map(([key]) => key);
  if (leaders.length > 1 || leaders[0] === 'tie') return { kind: 'tie' };
  return { kind: 'slot', slot: Number(leaders[0]) };
}
