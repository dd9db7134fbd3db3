// Who said a user turn, written into the turn as "Name: text". A content prefix rather than the OpenAI `name`
// field: Ollama, llama.cpp and most chat templates drop `name`, and strict gateways (Perplexity, some proxies)
// reject it with a 400, while a prefix reaches every model the same way.
import type { User } from 'discord.js';

// Discord caps display names at 32; the cap keeps a crafted name from becoming a paragraph of instructions.
const NAME_MAX = 32;

/** The name people see in the server, cleaned so it cannot break the "Name: text" line it starts. */
export function speakerName(
  author: Pick<User, 'displayName' | 'username'>,
  member?: { displayName: string } | null,
): string {
  const clean = (name: string) =>
    name
      .normalize('NFKC')
      .replace(/[\p{Cc}\p{Cf}:]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, NAME_MAX)
      .trim();
  return clean(member?.displayName ?? author.displayName) || clean(author.username) || 'someone';
}

export const labelTurn = (name: string, text: string): string => `${name}: ${text}`.trimEnd();
