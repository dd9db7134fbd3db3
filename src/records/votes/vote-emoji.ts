// Vote emoji codec: slot i is the regional indicator letter (🇦 for A ...), 🤝 a tie, 👎 "all bad".
// Reactions arrive as discord.js `reaction.emoji.name`; anything else maps to null.
import { SLOT_LETTERS } from '../comparisons/comparison.ts';
import type { VoteChoice } from './vote.ts';

const REGIONAL_INDICATOR_A = 0x1f1e6;
export const TIE_EMOJI = '🤝';
export const ALL_BAD_EMOJI = '👎';

// Skin tones and the emoji presentation selector change the name Discord reports, not the meaning.
const MODIFIERS = /\u{FE0F}|[\u{1F3FB}-\u{1F3FF}]/gu;

export function emojiForChoice(choice: VoteChoice): string {
  switch (choice.kind) {
    case 'pick':
      if (!Number.isInteger(choice.slot) || choice.slot < 0 || choice.slot >= SLOT_LETTERS.length) {
        throw new RangeError(`no vote emoji for slot ${choice.slot}`);
      }
      return String.fromCodePoint(REGIONAL_INDICATOR_A + choice.slot);
    case 'tie':
      return TIE_EMOJI;
    case 'all-bad':
      return ALL_BAD_EMOJI;
  }
}

/** The reactions to add under a comparison, in order: letters, then tie, then all bad. */
export function voteEmojis(slotCount: number): string[] {
  const count = Math.min(Math.max(0, Math.floor(slotCount)), SLOT_LETTERS.length);
  const letters = Array.from({ length: count }, (_, slot) => emojiForChoice({ kind: 'pick', slot }));
  return [...letters, TIE_EMOJI, ALL_BAD_EMOJI];
}

/**
 * Which choices a comparison offers, given which slots answered: a letter per answered slot, 🤝 only when two or
 * more answered, 👎 when any did. A failed slot cannot be picked, and an all-failed comparison asks for nothing.
 */
export function isBallotChoice(choice: VoteChoice, answered: readonly boolean[]): boolean {
  const count = answered.filter(Boolean).length;
  switch (choice.kind) {
    case 'pick':
      return answered[choice.slot] === true;
    case 'tie':
      return count >= 2;
    case 'all-bad':
      return count >= 1;
  }
}

/** The reactions to add under a finished comparison: those of `voteEmojis` that are ballot choices. */
export function ballotEmojis(answered: readonly boolean[]): string[] {
  return voteEmojis(answered.length).filter((emoji) => {
    const choice = choiceFromEmoji(emoji, answered.length);
    return choice !== null && isBallotChoice(choice, answered);
  });
}

export function choiceFromEmoji(emoji: string | null | undefined, slotCount: number): VoteChoice | null {
  if (!emoji) return null;
  const name = emoji.replace(MODIFIERS, '');
  if (name === TIE_EMOJI) return { kind: 'tie' };
  if (name === ALL_BAD_EMOJI) return { kind: 'all-bad' };
  const codePoint = name.codePointAt(0) ?? 0;
  const slot = codePoint - REGIONAL_INDICATOR_A;
  if (String.fromCodePoint(codePoint) !== name || slot < 0 || slot >= Math.min(slotCount, SLOT_LETTERS.length))
    return null;
  return { kind: 'pick', slot };
}
