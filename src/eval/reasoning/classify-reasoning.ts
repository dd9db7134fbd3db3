// Scores a reasoning answer: the last number in it must equal the item's expected number exactly.
import type { Classifier } from '../eval-suite.ts';
import { extractFinalNumber } from './extract-final-number.ts';
import type { ReasoningClassification } from './reasoning-classification.ts';
import type { ReasoningItem } from './reasoning-items.ts';

export const reasoningClassifier: Classifier<ReasoningItem, ReasoningClassification> = {
  classify(item, answer) {
    const extracted = extractFinalNumber(answer);
    return Promise.resolve({ extracted, correct: extracted !== null && extracted === item.expected });
  },
};
