// The blind comparison message: the prompt, one embed per slot (A, B, ...) and its buttons. Nothing
// here may tell which pipeline wrote a slot: the view carries no pipeline ids, steps or figures.
import { ButtonStyle, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { button, buttonRows, type ButtonRow } from './button-rows.ts';
import { encodeCustomId } from './custom-id.ts';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE,
  MESSAGE_CONTENT_MAX,
} from './text/discord-limits.ts';
import { shareBudget } from './text/share-budget.ts';
import { slotColor } from './slot-colors.ts';
import { truncateMarkdown } from './text/split-markdown.ts';
import { ALL_BAD_EMOJI, ballotEmojis, TIE_EMOJI } from '../../records/votes/vote-emoji.ts';
import { type BallotKind, buttonVotingLine, voteButtons } from './vote-buttons.ts';

export interface SlotView {
  letter: string;
  state: 'running' | 'ok' | 'error' | 'cancelled';
  /** The final answer; while running, optionally the text so far. */
  answer?: string;
  failureMessage?: string;
}

export interface ComparisonView {
  comparisonId: string;
  prompt: string;
  slots: SlotView[];
  done: boolean;
  /** Show the "Why?" button (reason tags are configured). */
  askWhy?: boolean;
  /** A line under the voting instructions, e.g. "7 votes so far". */
  votesNote?: string;
  /** How votes are taken: reactions (default), or buttons where the bot cannot add or read reactions. */
  ballot?: BallotKind;
}

export interface ComparisonPayload {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Prompts and model text must never ping anyone. */
  allowedMentions: { parse: [] };
}

export const PROMPT_EXCERPT_MAX = 300;
const WORKING = '⏳ Working…';

/** The prompt on one quoted line, cut at a word: readable above the answers, never a wall of text. */
export function promptExcerpt(prompt: string, max = PROMPT_EXCERPT_MAX): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  return truncateMarkdown(flat, max).text;
}

export function comparisonHeader(view: ComparisonView): string {
  const count = view.slots.length;
  const lines = [`**Blind comparison** · ${count} answer${count === 1 ? '' : 's'}`, `> ${promptExcerpt(view.prompt)}`];
  if (view.done) {
    const answered = view.slots.map((slot) => slot.state === 'ok');
    lines.push((view.ballot === 'buttons' ? buttonVotingLine(answered) : null) ?? votingLine(answered));
  } else {
    lines.push(
      '⏳ The answers appear as they finish. Vote any time: a vote counts on the leaderboard if the answer you picked was already in.',
    );
  }
  const content = lines.join('\n');
  if (!view.votesNote) return content;
  return truncateMarkdown(`${content}\n${view.votesNote}`, MESSAGE_CONTENT_MAX).text;
}

/** How to vote, offering only answered slots; none when nothing answered. */
function votingLine(answered: boolean[]): string {
  const emojis = ballotEmojis(answered);
  if (emojis.length === 0)
    return 'No answer came through, so there is nothing to vote on. Try /compare again in a moment.';
  const letters = emojis.filter((emoji) => emoji !== TIE_EMOJI && emoji !== ALL_BAD_EMOJI).join(' ');
  const tie = emojis.includes(TIE_EMOJI) ? `, ${TIE_EMOJI} for a tie` : '';
  const failed = answered.length - answered.filter(Boolean).length;
  const skipped = failed > 0 ? ` Failed answers cannot be voted for.` : '';
  return `React ${letters} for the best answer${tie}, ${ALL_BAD_EMOJI} if all are bad. One vote per person; change it any time.${skipped}`;
}

/** Body of a slot's embed, and a suffix that must survive truncation. */
function body(slot: SlotView): { text: string; suffix: string } {
  switch (slot.state) {
    case 'running':
      return slot.answer ? { text: slot.answer, suffix: `\n\n${WORKING}` } : { text: WORKING, suffix: '' };
    case 'ok':
      return { text: slot.answer?.trim() ? slot.answer : '*(empty answer)*', suffix: '' };
    case 'error':
    case 'cancelled':
      return {
        text: `⚠️ ${slot.failureMessage ?? (slot.state === 'cancelled' ? 'Cancelled.' : 'This answer failed.')}`,
        suffix: '',
      };
  }
}

export function renderComparison(view: ComparisonView): ComparisonPayload {
  const slots = view.slots.slice(0, EMBEDS_PER_MESSAGE);
  const titles = slots.map((slot) => `Answer ${slot.letter}`);
  const bodies = slots.map(body);
  const titleLength = titles.reduce((sum, title) => sum + title.length, 0);
  const allowances = shareBudget(
    bodies.map(({ text, suffix }) => text.length + suffix.length),
    EMBED_TOTAL_MAX - titleLength,
    EMBED_DESCRIPTION_MAX,
  );

  const embeds: APIEmbed[] = [];
  // The ballot first: buttons past Discord's 25 are dropped, and a vote matters more than a full text.
  const buttons: APIButtonComponent[] =
    view.done && view.ballot === 'buttons'
      ? voteButtons(
          view.comparisonId,
          slots.map((slot) => slot.state === 'ok'),
        )
      : [];
  for (const [index, slot] of slots.entries()) {
    const { text, suffix } = bodies[index] ?? { text: '', suffix: '' };
    const fitted = truncateMarkdown(text, (allowances[index] ?? 0) - suffix.length);
    embeds.push({ title: titles[index], description: fitted.text + suffix, color: slotColor(slot.letter) });
    if (fitted.truncated && slot.state === 'ok') {
      const customId = encodeCustomId({ action: 'full', comparisonId: view.comparisonId, slot: index });
      buttons.push(button(`Full answer ${slot.letter}`, customId, ButtonStyle.Primary));
    }
  }
  if (view.done) {
    buttons.push(button('Reveal pipelines', encodeCustomId({ action: 'reveal', comparisonId: view.comparisonId })));
    if (view.askWhy === true)
      buttons.push(button('Why?', encodeCustomId({ action: 'why', comparisonId: view.comparisonId })));
  }
  return { content: comparisonHeader(view), embeds, components: buttonRows(buttons), allowedMentions: { parse: [] } };
}

/** The ephemeral reply to "Full answer A": inline when it fits, else as a Markdown file. */
export function renderFullAnswer(
  letter: string,
  answer: string,
): { content?: string; files?: Array<{ name: string; data: Buffer }> } {
  if (!answer.trim()) return { content: `Answer ${letter} is empty.` };
  const inline = `**Answer ${letter}**\n${answer}`;
  if (inline.length <= MESSAGE_CONTENT_MAX) return { content: inline };
  return {
    content: `Answer ${letter} is long; here it is in full:`,
    files: [{ name: `answer-${letter}.md`, data: Buffer.from(answer, 'utf8') }],
  };
}
