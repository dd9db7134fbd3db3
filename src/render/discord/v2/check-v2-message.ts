// What Discord refuses in a Components v2 message, found before sending: the flag missing, `content` or `embeds`
// beside it, more than 40 components in all (nested ones count), more than 4,000 characters of text displays.
// Renderers fit their text to these limits; tests run this on what the bot sent.
import { ComponentType, MessageFlags } from 'discord.js';
import { CONTAINER_CHILDREN_MAX, SECTION_TEXTS_MAX, V2_COMPONENTS_MAX, V2_TEXT_MAX } from '../text/discord-limits.ts';

interface Node {
  type: number;
  content?: unknown;
  components?: unknown;
  accessory?: unknown;
}

export interface V2Size {
  components: number;
  textLength: number;
}

const children = (node: Node): Node[] => {
  const nested = Array.isArray(node.components) ? (node.components as Node[]) : [];
  return node.accessory && typeof node.accessory === 'object' ? [...nested, node.accessory as Node] : nested;
};

/** Every component, nested ones and section accessories included, and the characters of all text displays. */
export function measureV2(components: readonly Node[]): V2Size {
  let count = 0;
  let textLength = 0;
  const visit = (node: Node) => {
    count += 1;
    if (node.type === ComponentType.TextDisplay && typeof node.content === 'string') textLength += node.content.length;
    children(node).forEach(visit);
  };
  components.forEach(visit);
  return { components: count, textLength };
}

/** Problems Discord would answer with 400, in words; empty when the message would be accepted. */
export function checkV2Message(message: {
  flags?: unknown;
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
}): string[] {
  const problems: string[] = [];
  if (typeof message.flags !== 'number' || (message.flags & MessageFlags.IsComponentsV2) === 0)
    problems.push('the IsComponentsV2 flag is not set');
  if (typeof message.content === 'string' && message.content !== '')
    problems.push('it has `content`, which v2 messages cannot have');
  if (Array.isArray(message.embeds) && message.embeds.length > 0)
    problems.push('it has `embeds`, which v2 messages cannot have');
  const components = Array.isArray(message.components) ? (message.components as Node[]) : [];
  const size = measureV2(components);
  if (size.components > V2_COMPONENTS_MAX)
    problems.push(`${size.components} components, over Discord's ${V2_COMPONENTS_MAX}`);
  if (size.textLength > V2_TEXT_MAX)
    problems.push(`${size.textLength} characters of text, over Discord's ${V2_TEXT_MAX}`);
  const visit = (node: Node) => {
    const inside = children(node);
    if (node.type === ComponentType.Container && inside.length > CONTAINER_CHILDREN_MAX)
      problems.push(`a container with ${inside.length} children, over ${CONTAINER_CHILDREN_MAX}`);
    if (node.type === ComponentType.Section && (node.components as Node[]).length > SECTION_TEXTS_MAX)
      problems.push(`a section with more than ${SECTION_TEXTS_MAX} text displays`);
    inside.forEach(visit);
  };
  components.forEach(visit);
  return problems;
}
