// The blind comparison as a Components v2 message: the prompt and how to vote on top, then one container per slot
// (its letter, status and answer, with "Full answer" beside an answer that was cut), the vote buttons where reactions
// cannot be the ballot, then "Reveal" and "Why?" beside a line each. As blind as the embed layout.
import { ButtonStyle, ComponentType, type APIComponentInContainer, type APIMessageTopLevelComponent } from 'discord.js';
import { button, buttonRows } from '../button-rows.ts';
import { comparisonHeader, type ComparisonView, type SlotView } from '../comparison-message.ts';
import { encodeCustomId } from '../custom-id.ts';
import { slotColor } from '../slot-colors.ts';
import { V2_COMPONENTS_MAX, V2_TEXT_MAX } from '../text/discord-limits.ts';
import { voteButtons } from '../vote-buttons.ts';
import { measureV2 } from './check-v2-message.ts';
import { shareBudget } from '../text/share-budget.ts';
import { truncateMarkdown } from '../text/split-markdown.ts';
import { container, section, textDisplay, v2Message, type V2Message } from './v2-parts.ts';

const STATUS: Record<SlotView['state'], string> = {
  running: '⏳ writing…',
  ok: 'done',
  error: '⚠️ failed',
  cancelled: '⚠️ cancelled',
};

const REVEAL_LINE = 'Voted? See which technique wrote each answer.';
const WHY_LINE = 'Say what made you pick it.';

const heading = (slot: SlotView) => `### Answer ${slot.letter}\n-# ${STATUS[slot.state]}\n`;

function answerText(slot: SlotView): string {
  switch (slot.state) {
    case 'running':
      return slot.answer ?? '';
    case 'ok':
      return slot.answer?.trim() ? slot.answer : '*(empty answer)*';
    case 'error':
    case 'cancelled':
      return slot.failureMessage ?? (slot.state === 'cancelled' ? 'Cancelled.' : 'This answer failed.');
  }
}

export function renderComparisonV2(view: ComparisonView): V2Message & { allowedMentions: { parse: [] } } {
  const top = comparisonHeader(view);
  const footer = view.done ? REVEAL_LINE.length + (view.askWhy === true ? WHY_LINE.length : 0) : 0;
  const headings = view.slots.map(heading);
  const texts = view.slots.map(answerText);
  // Every text display counts toward Discord's 4,000 characters; the answers share what the rest leaves.
  const fixed = top.length + footer + headings.reduce((sum, text) => sum + text.length, 0);
  const allowances = shareBudget(
    texts.map((text) => text.length),
    V2_TEXT_MAX - fixed,
    V2_TEXT_MAX,
  );

  const components: APIMessageTopLevelComponent[] = [textDisplay(top)];
  for (const [index, slot] of view.slots.entries()) {
    const fitted = truncateMarkdown(texts[index] ?? '', allowances[index] ?? 0);
    const content = `${headings[index] ?? ''}${fitted.text}`;
    const full = encodeCustomId({ action: 'full', comparisonId: view.comparisonId, slot: index });
    const child: APIComponentInContainer =
      fitted.truncated && slot.state === 'ok'
        ? section(content, button(`Full answer ${slot.letter}`, full, ButtonStyle.Primary))
        : textDisplay(content);
    components.push(container([child], slotColor(slot.letter)));
  }
  if (view.done && view.ballot === 'buttons')
    components.push(
      ...buttonRows(
        voteButtons(
          view.comparisonId,
          view.slots.map((slot) => slot.state === 'ok'),
        ),
      ),
    );
  if (view.done) {
    components.push(
      section(
        REVEAL_LINE,
        button('Reveal pipelines', encodeCustomId({ action: 'reveal', comparisonId: view.comparisonId })),
      ),
    );
    if (view.askWhy === true)
      components.push(
        section(WHY_LINE, button('Why?', encodeCustomId({ action: 'why', comparisonId: view.comparisonId }))),
      );
  }
  return { ...v2Message(withinComponentLimit(components)), allowedMentions: { parse: [] } };
}

/**
 * Eight slots with vote buttons would pass Discord's 40 components: the last slots' "Full answer" buttons go first
 * (each turns a section with its button into a text display, two components fewer); the answer stays, cut.
 */
function withinComponentLimit(components: APIMessageTopLevelComponent[]): APIMessageTopLevelComponent[] {
  const result = [...components];
  for (let index = result.length - 1; index >= 0 && measureV2(result).components > V2_COMPONENTS_MAX; index -= 1) {
    const candidate = result[index];
    const child = candidate?.type === ComponentType.Container ? candidate.components[0] : undefined;
    if (candidate?.type !== ComponentType.Container || child?.type !== ComponentType.Section) continue;
    result[index] = { ...candidate, components: [child.components[0] ?? textDisplay('…')] };
  }
  return result;
}
