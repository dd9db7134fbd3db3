// Which remembered facts an answer used, for their owner only: the button under a public answer and the
// private reply it opens. The public answer itself never lists facts.
import { plural } from '../../base/plural.ts';
import { button, buttonRows, type ButtonRow } from './button-rows.ts';
import { encodeCustomId, FACT_KEYS_MAX } from './custom-id.ts';

export const MEMORY_BUTTON_LABEL = '🧠 What did you remember?';
export const NOT_YOUR_MEMORY = 'Only the person this answer was for can see what I remembered for it.';

/** The button under an answer that used memory; none when it used no facts. */
export function renderMemoryButton(ownerId: string, keys: readonly string[]): ButtonRow[] {
  if (keys.length === 0) return [];
  const customId = encodeCustomId({
    action: 'memory-used',
    ownerId,
    count: keys.length,
    keys: keys.slice(0, FACT_KEYS_MAX),
  });
  return buttonRows([button(MEMORY_BUTTON_LABEL, customId)]);
}

/** The private reply: the facts still kept, and how many of those used were deleted since (or not listed). */
export function renderUsedFacts(found: readonly string[], used: number): string {
  if (found.length === 0)
    return `That answer used ${plural(used, 'fact')} you asked me to remember; ${used === 1 ? 'it has' : 'they have'} been deleted since.`;
  const lines = found.map((fact, index) => `${index + 1}. ${fact}`);
  const missing = used - found.length;
  const note = missing > 0 ? [`…and ${plural(missing, 'more fact')} deleted since or not listed.`] : [];
  return [
    `For that answer I used ${plural(used, 'fact')} you asked me to remember (only you see this; \`/memory show\` lists them all):`,
    ...lines,
    ...note,
  ].join('\n');
}
