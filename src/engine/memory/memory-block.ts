// How remembered facts reach the model: as quoted data at the top of the asker's own user turn, never as
// system text, so a fact can inform an answer but cannot pose as the operator's instructions.
import type { ChatMessage } from '../../llm/chat-model.ts';

/** The facts recalled for one answer and the heading (prompts/memory.yaml) they are quoted under. */
export interface RememberedFacts {
  heading: string;
  facts: string[];
}

/**
 * The facts as a JSON array inside a delimited block. "<" is written as \u003c (still valid JSON), so no fact
 * can close the block early and continue as if it were the user's message.
 */
export function renderMemoryBlock({ heading, facts }: RememberedFacts): string {
  const quoted = JSON.stringify(facts).replaceAll('<', '\\u003c');
  return `<remembered-facts>\n${heading}\n${quoted}\n</remembered-facts>`;
}

/** The conversation with the block added to the latest user turn (the asker's own). */
export function withRememberedFacts(
  conversation: readonly ChatMessage[],
  remembered: RememberedFacts | undefined,
): ChatMessage[] {
  const at = conversation.findLastIndex((turn) => turn.role === 'user');
  if (!remembered?.facts.length || at < 0) return [...conversation];
  return conversation.map((turn, index) =>
    index === at ? { ...turn, content: `${renderMemoryBlock(remembered)}\n\n${turn.content}` } : turn,
  );
}
