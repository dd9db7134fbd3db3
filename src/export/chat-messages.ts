// Message lists for the conversational formats: plain {role, content} copies, so nothing else the store
// may add to a message leaks into a dataset.
import type { ChatMessage } from '../llm/chat-model.ts';

export function promptMessages(conversation: readonly ChatMessage[]): ChatMessage[] {
  return conversation.map(({ role, content }) => ({ role, content }));
}

export function assistantTurn(content: string): [{ role: 'assistant'; content: string }] {
  return [{ role: 'assistant', content }];
}
