// A chat message as the engine, the store and the exports see it. The schema is the source of the type, so what
// is stored and what the code expects can never drift apart.
import { z } from 'zod';

export const ChatRoleSchema = z.enum(['system', 'user', 'assistant']);
export type ChatRole = z.infer<typeof ChatRoleSchema>;

/** A message as stored with comparisons and exported: text only. */
export const ChatMessageSchema = z.object({ role: ChatRoleSchema, content: z.string() });

export type ChatMessage = z.infer<typeof ChatMessageSchema> & {
  /**
   * Image URLs sent with this turn as image content parts, for vision models. Only the chat path sets them;
   * stored comparisons and exports keep the text alone (the schema above drops them).
   */
  images?: readonly string[];
};
