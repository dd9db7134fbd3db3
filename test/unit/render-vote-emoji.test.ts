// Reactions are votes: a letter picks a slot, 🤝 is a tie, 👎 says all answers are bad.
import { describe, expect, it } from 'vitest';
import {
  ballotEmojis,
  choiceFromEmoji,
  emojiForChoice,
  isBallotChoice,
  voteEmojis,
} from '../../src/records/votes/vote-emoji.ts';

describe('vote emoji', () => {
  it('offers one letter per answer, then tie and all bad', () => {
    expect(voteEmojis(4)).toEqual(['🇦', '🇧', '🇨', '🇩', '🤝', '👎']);
    expect(voteEmojis(2)).toEqual(['🇦', '🇧', '🤝', '👎']);
  });

  it('offers no letter for a failed answer, a tie only between two answers, and nothing when all failed', () => {
    expect(ballotEmojis([true, false, true, true])).toEqual(['🇦', '🇨', '🇩', '🤝', '👎']);
    expect(ballotEmojis([false, true])).toEqual(['🇧', '👎']);
    expect(ballotEmojis([false, false])).toEqual([]);
    expect(isBallotChoice({ kind: 'pick', slot: 1 }, [true, false, true])).toBe(false);
    expect(isBallotChoice({ kind: 'all-bad' }, [false, false])).toBe(false);
  });

  it('reads each letter as a pick of that slot', () => {
    expect(['🇦', '🇧', '🇨', '🇩'].map((emoji) => choiceFromEmoji(emoji, 4))).toEqual(
      [0, 1, 2, 3].map((slot) => ({ kind: 'pick', slot })),
    );
  });

  it('reads 🤝 as a tie and 👎 as all bad, whatever the skin tone', () => {
    expect(choiceFromEmoji('🤝', 4)).toEqual({ kind: 'tie' });
    expect(choiceFromEmoji('👎', 4)).toEqual({ kind: 'all-bad' });
    expect(choiceFromEmoji('👎🏽', 4)).toEqual({ kind: 'all-bad' });
  });

  it('ignores 🇪 when only four answers are shown, and counts it when five are', () => {
    expect(choiceFromEmoji('🇪', 4)).toBeNull();
    expect(choiceFromEmoji('🇪', 5)).toEqual({ kind: 'pick', slot: 4 });
  });

  it('ignores other reactions and custom emoji without a name', () => {
    for (const emoji of ['👍', '🇦🇧', 'A', 'regional_indicator_a', '', null])
      expect(choiceFromEmoji(emoji, 4)).toBeNull();
  });

  it('maps every choice back to the emoji it came from', () => {
    for (const emoji of voteEmojis(8)) {
      const choice = choiceFromEmoji(emoji, 8);
      expect(choice).not.toBeNull();
      if (choice) expect(emojiForChoice(choice)).toBe(emoji);
    }
    expect(emojiForChoice({ kind: 'pick', slot: 7 })).toBe('🇭');
  });
});
