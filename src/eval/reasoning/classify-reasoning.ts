// Scores a reasoning answer: the last number in it must equal the item's expected number exactly.
import type { ReasoningClassification } from '../eval-record.js';
import { extractFinalNumber } from './extract-final-number.js';
import type { Classify } from '../run-eval.js';

export const classifyReasoning: Classify = (item, answer): Promise<ReasoningClassification> => {
  const extracted = extractFinalNumber(answer);
  const expected = 'expected' in item ? item.expected : Number.NaN;
  return Promise.resolve({ extracted, correct: extracted !== null && extracted === expected });
};
