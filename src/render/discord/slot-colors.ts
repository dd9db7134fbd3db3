// One embed colour per slot letter, so an answer keeps its colour from the comparison to the reveal.
// Colours follow the letter only; they say nothing about which pipeline is behind it.

const COLORS: Record<string, number> = {
  A: 0x5865f2, // blurple
  B: 0x57f287, // green
  C: 0xfee75c, // yellow
  D: 0xeb459e, // fuchsia
  E: 0xe67e22, // orange
  F: 0x1abc9c, // teal
  G: 0x9b59b6, // purple
  H: 0x95a5a6, // grey
};

export const slotColor = (letter: string): number => COLORS[letter] ?? 0x99aab5;
