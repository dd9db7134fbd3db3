// Prompts and answers carry personal details (Discord mentions and ids, addresses, numbers) of people who never
// agreed to be in a dataset. Exports and the public dataset pass them through the PII filter (redact-pii.ts);
// the store keeps the text as it was shown.
import type { ExportComparison } from './export-comparison.ts';
import { redactPii } from './redact-pii.ts';

export function redactComparison(comparison: ExportComparison): ExportComparison {
  return {
    ...comparison,
    conversation: comparison.conversation.map((message) => ({ ...message, content: redactPii(message.content) })),
    answers: comparison.answers.map((answer) => (answer === null ? null : redactPii(answer))),
  };
}
