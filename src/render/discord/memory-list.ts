// /memory show: whether memory is on and the facts kept, newest last, cut to one message.
import type { UserMemory } from '../../records/memory-book.ts';
import { plural } from '../../base/plural.ts';
import { MESSAGE_CONTENT_MAX } from './text/discord-limits.ts';

export function renderMemoryList(memory: UserMemory | undefined): string {
  const state = memory?.enabled
    ? '🧠 Memory is **on**: I note short facts you state about yourself in chat and /ask.'
    : '🧠 Memory is **off**: nothing is noted or used. Turn it on with `/memory on`.';
  const facts = memory?.facts ?? [];
  if (facts.length === 0) return `${state}\nI remember nothing about you.`;
  const header = `${state}\nI remember ${plural(facts.length, 'fact')} about you (\`/memory forget\` deletes them):`;
  const lines: string[] = [];
  let length = header.length;
  for (const [index, fact] of facts.entries()) {
    const line = `${index + 1}. ${fact.text}`;
    const rest = `…and ${facts.length - index} more`;
    if (length + line.length + rest.length + 2 > MESSAGE_CONTENT_MAX) {
      lines.push(rest);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return [header, ...lines].join('\n');
}
