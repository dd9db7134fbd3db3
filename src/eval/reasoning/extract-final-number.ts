// The final number of a free-text answer, for exact-match scoring: "So the answer is $1,200." → 1200.
// The last number in the text wins, as in the usual GSM8K scoring: models put the result at the end.

const NUMBER = /(?<![\d.])-?\d[\d,]*(?:\.\d+)?/g;

export function extractFinalNumber(answer: string): number | null {
  const matches = answer.replace(/(?<=\d),(?=\d{3}\b)/g, '').match(NUMBER);
  const last = matches?.at(-1)?.replace(/,/g, '');
  if (last === undefined) return null;
  const value = Number(last);
  return Number.isFinite(value) ? value : null;
}
