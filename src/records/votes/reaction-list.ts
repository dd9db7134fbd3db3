// The rules of one voter's reactions on one comparison: adding X moves X to the end, removing X drops it, and
// the live vote is the last one left, so withdrawing a newer choice falls back to an older one still shown.
import type { VoteChoice, VoteRecord } from './vote.ts';
import type { ActiveReaction, VoterReactions } from './vote-schema.ts';

export function sameChoice(left: VoteChoice, right: VoteChoice): boolean {
  if (left.kind === 'pick' && right.kind === 'pick') return left.slot === right.slot;
  return left.kind === right.kind;
}

export function withReaction(reactions: readonly ActiveReaction[], added: ActiveReaction): ActiveReaction[] {
  return [...withoutReaction(reactions, added.choice), added];
}

export function withoutReaction(reactions: readonly ActiveReaction[], removed: VoteChoice): ActiveReaction[] {
  return reactions.filter((reaction) => !sameChoice(reaction.choice, removed));
}

export function liveVoteOf(entry: VoterReactions | undefined): VoteRecord | null {
  const last = entry?.reactions.at(-1);
  if (entry === undefined || last === undefined) return null;
  return {
    comparisonId: entry.comparisonId,
    voterHash: entry.voterHash,
    choice: last.choice,
    castAt: last.at,
    afterReveal: last.afterReveal,
    guildId: entry.guildId,
    ...(entry.overCap === true ? { overCap: true } : {}),
    ...(entry.tags !== undefined && entry.tags.length > 0 ? { tags: entry.tags } : {}),
    ...(last.completeSlots === undefined ? {} : { completeSlots: last.completeSlots }),
    // Reactions, every vote before buttons existed among them, carry no source: absent reads as 'reaction'.
    ...(last.source === 'button' ? { source: 'button' as const } : {}),
  };
}
