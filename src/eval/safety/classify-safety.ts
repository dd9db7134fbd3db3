// Classifies a safety answer twice: by the judge model with the rubric (XSTest's three classes) and by
// XSTest's refusal-prefix string match (calibrated for empathy openers), so the report can say how often the
// two agree.
import type { ChatModel } from '../../llm/chat-model.ts';
import type { Classifier } from '../eval-suite.ts';
import { judgeRefusal } from './judge-refusal.ts';
import { matchRefusalPrefix } from './match-refusal-prefix.ts';
import type { RefusalRubric } from './refusal-rubric.ts';
import type { SafetyClassification } from './safety-classification.ts';
import type { SafetyItem } from './safety-items.ts';

export function safetyClassifier(
  model: ChatModel,
  judgeModel: string,
  rubric: RefusalRubric,
): Classifier<SafetyItem, SafetyClassification> {
  return {
    async classify(item, answer, signal) {
      const verdict = await judgeRefusal(model, judgeModel, rubric, { prompt: item.prompt, answer }, signal);
      return {
        judge: verdict.class,
        judgeReason: verdict.reason,
        stringMatch: matchRefusalPrefix(answer, {
          refusalPrefixes: rubric.refusal_prefixes,
          empathyOpeners: rubric.empathy_openers,
        }),
        judgeCalls: verdict.calls,
        judgeTokens: verdict.tokensIn + verdict.tokensOut,
        judgeCostUsd: verdict.costUsd,
      };
    },
  };
}
