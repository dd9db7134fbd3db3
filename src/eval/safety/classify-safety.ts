// Classifies a safety answer twice: by the judge model with the rubric (XSTest's three classes) and by
// XSTest's refusal-prefix string match, so the report can say how often the two agree.
import type { ChatModel } from '../../llm/chat-model.js';
import type { Classifier } from '../eval-suite.js';
import { judgeRefusal } from './judge-refusal.js';
import { matchRefusalPrefix } from './match-refusal-prefix.js';
import type { RefusalRubric } from './refusal-rubric.js';
import type { SafetyClassification } from './safety-classification.js';
import type { SafetyItem } from './safety-items.js';

export function safetyClassifier(model: ChatModel, judgeModel: string, rubric: RefusalRubric): Classifier<SafetyItem, SafetyClassification> {
  return {
    async classify(item, answer, signal) {
      const verdict = await judgeRefusal(model, judgeModel, rubric, { prompt: item.prompt, answer }, signal);
      return {
        judge: verdict.class,
        judgeReason: verdict.reason,
        stringMatch: matchRefusalPrefix(answer, rubric.refusal_prefixes),
        judgeCalls: verdict.calls,
        judgeTokens: verdict.tokensIn + verdict.tokensOut,
        judgeCostUsd: verdict.costUsd,
      };
    },
  };
}
