// The conversation as text, for the text-only formats. Only user and assistant turns: the stored
// conversation is what users saw, and a system message (if any) has no slot in these formats.
import type { ChatMessage } from '../llm/chat-model.ts';

const HH_LABELS = { user: 'Human', assistant: 'Assistant' } as const;

function dialogTurns(conversation: readonly ChatMessage[]): ChatMessage[] {
  return conversation.filter((message) => message.role !== 'system');
}

/** hh-rlhf style: every turn as `\n\nHuman: …` / `\n\nAssistant: …`. */
export function hhTranscript(conversation: readonly ChatMessage[]): string {
  return dialogTurns(conversation)
    .map((message) => `\n\n${HH_LABELS[message.role as 'user' | 'assistant']}: ${message.content}`)
    .join('');
}

/**
 * The explicit prompt of TRL's standard (text) format. A single user turn is the message itself. Longer
 * histories use the hh-rlhf layout without the leading blank line and end with `\n\nAssistant:`, so that
 * prompt + chosen (which starts with a space) reads as one transcript, as in TRL's examples.
 */
export function promptText(conversation: readonly ChatMessage[]): string {
  const turns = dialogTurns(conversation);
  if (turns.length === 1 && turns[0]!.role === 'user') return turns[0]!.content;
  return `${hhTranscript(turns).slice(2)}\n\nAssistant:`;
}
