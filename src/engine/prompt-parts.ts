// Small builders shared by step runners: the chat messages a generating call sends, and the plain-text
// transcript that judge templates embed as {conversation}.
import type { ChatMessage } from '../llm/chat-model.ts';
import type { StepContext } from './step-context.ts';

export function withSystem(context: StepContext, ...extra: (string | undefined)[]): ChatMessage[] {
  const system = [context.system, ...extra].filter((part): part is string => Boolean(part)).join('\n\n');
  return [{ role: 'system', content: system }, ...context.conversation];
}

export function renderTranscript(conversation: ChatMessage[]): string {
  return conversation
    .filter((message) => message.role !== 'system')
    .map((message) => `${message.role === 'user' ? 'User' : 'Assistant'}: ${message.content}`)
    .join('\n\n');
}

export const bulletList = (items: string[]): string => items.map((item) => `- ${item}`).join('\n');
