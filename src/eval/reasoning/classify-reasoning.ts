// Scores a reasoning answer: the last number in it must equal the item's expected number exactly.
import type { Classifier } from '../eval-suite.js';
import { extractFinalNumber } from './extract-final-number.js';
import type { ReasoningClassification } from './reasoning-classification.js';
import type { ReasoningItem } from './reasoning-items.js';

export const reasoningClassifier: Classifier<ReasoningItem, ReasoningClassification> = {
  classify(item, answer) {
    const extracted = extractFinalNumber(answer);
    return Promise.resolve({ extracted, correct: extracted !== null && extracted === item.expected });
  },
};
