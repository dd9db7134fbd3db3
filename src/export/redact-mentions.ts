// Discord mentions in prompts and answers carry raw ids (<@123…>) of people who never agreed to be in a
// dataset. Exports replace them with neutral placeholders; the store keeps the text as it was shown.
import type { ExportComparison } from './export-comparison.js';

export function redactMentions(text: string): string {
  return text
    .replace(/<@!?\d+>/g, '@user')
    .replace(/<@&\d+>/g, '@role')
    .replace(/<#\d+>/g, '#channel');
}

export function redactComparison(comparison: ExportComparison): ExportComparison {
  return {
    ...comparison,
    conversation: comparison.conversation.map((message) => ({ ...message, content: redactMentions(message.content) })),
    answers: comparison.answers.map((answer) => (answer === null ? null : redactMentions(answer))),
  };
}
