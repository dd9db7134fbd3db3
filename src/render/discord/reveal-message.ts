// After the reveal: which pipeline wrote each slot, with figures and a compact list of its steps, and
// one slot's whole trace on request (inline when it fits, else as an attached Markdown file).
import type { APIEmbed } from 'discord.js';
import type { PipelineResult } from '../../engine/trace.ts';
import { button, buttonRows, type ButtonRow } from './button-rows.ts';
import { encodeCustomId } from './custom-id.ts';
import { fitLines } from './text/fit-lines.ts';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE,
  MESSAGE_CONTENT_MAX,
} from './text/discord-limits.ts';
import { shareBudget } from './text/share-budget.ts';
import { slotColor } from './slot-colors.ts';
import { quotedWithin, statusLine, stepHead, stepLine, traceDocument } from './trace-markdown.ts';

export interface RevealSlot {
  letter: string;
  pipelineId: string;
  label: string;
  /** null while the pipeline is still running. */
  result: PipelineResult | null;
}

export interface RevealOptions {
  /** Needed for the "Steps of A" buttons' custom ids. */
  comparisonId: string;
  /** The viewer's live vote: a slot letter, 'tie', 'all-bad', or null when they have not voted. */
  votedFor: string | null;
  /** Answers the leak guard flagged before they were shown: slot letter and the marker found. */
  leaks: { letter: string; marker: string }[];
  /** The prompt's category and who gave it; absent before the category step is done, and in older comparisons. */
  category?: { id: string; source: 'judge' | 'rules' } | undefined;
}

export interface RevealPayload {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: { parse: [] };
}

const titleOf = (slot: RevealSlot) => `${slot.letter} · ${slot.label} (${slot.pipelineId})`.slice(0, EMBED_TITLE_MAX);

function revealLines(slot: RevealSlot): string[] {
  if (!slot.result) return ['⏳ Still running.'];
  return [statusLine(slot.result), '', ...slot.result.trace.map((step) => stepLine(step))];
}

function voteLine(slots: RevealSlot[], votedFor: string | null): string {
  if (votedFor === null) {
    return 'You have not voted on this comparison. A vote cast after the reveal is kept but flagged, and left out of the rankings by default.';
  }
  const picked = slots.find((slot) => slot.letter === votedFor);
  if (picked) return `You voted for **${picked.letter}**: ${picked.label}.`;
  if (votedFor === 'tie') return 'You called it a tie.';
  if (votedFor === 'all-bad') return 'You marked all answers as bad.';
  return `Your vote: ${votedFor}.`;
}

function leakLines(leaks: RevealOptions['leaks']): string[] {
  if (leaks.length === 0) return [];
  const found = leaks.map((leak) => `${leak.letter} contains “${leak.marker}”`).join(', ');
  return [
    `⚠️ **Not fully blind:** ${found}, which can give the technique away. Votes on this comparison are kept but left out of the rankings by default.`,
  ];
}

/** Where the votes on this comparison count in /leaderboard category: and the category table. */
function categoryLines(category: RevealOptions['category']): string[] {
  if (category === undefined) return [];
  return [
    `-# Prompt category: ${category.id} (${category.source === 'judge' ? 'by the judge model' : 'by the fallback patterns'})`,
  ];
}

export function renderReveal(slots: RevealSlot[], options: RevealOptions): RevealPayload {
  const shown = slots.slice(0, EMBEDS_PER_MESSAGE);
  const lines = shown.map(revealLines);
  const titleLength = shown.reduce((sum, slot) => sum + titleOf(slot).length, 0);
  const allowances = shareBudget(
    lines.map((slotLines) => slotLines.join('\n').length),
    EMBED_TOTAL_MAX - titleLength,
    EMBED_DESCRIPTION_MAX,
  );
  const embeds: APIEmbed[] = shown.map((slot, index) => ({
    title: titleOf(slot),
    description: fitLines(
      lines[index] ?? [],
      allowances[index] ?? 0,
      (left) => `…and ${left} more (see Steps of ${slot.letter})`,
    ),
    color: slotColor(slot.letter),
  }));
  const buttons = shown.flatMap((slot, index) =>
    slot.result?.trace.length
      ? [
          button(
            `Steps of ${slot.letter}`,
            encodeCustomId({ action: 'reasoning', comparisonId: options.comparisonId, slot: index }),
          ),
        ]
      : [],
  );
  const content = [
    `**Pipelines revealed.** ${voteLine(shown, options.votedFor)}`,
    ...leakLines(options.leaks),
    ...categoryLines(options.category),
  ]
    .join('\n')
    .slice(0, MESSAGE_CONTENT_MAX);
  return { content, embeds, components: buttonRows(buttons), allowedMentions: { parse: [] } };
}

const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');

/**
 * One slot's whole trace. Inline as an embed whose outputs share the room left by the figures; the full
 * trace is attached as a Markdown file whenever an output was cut or the steps alone do not fit.
 */
export function renderSlotTrace(slot: RevealSlot): {
  content?: string;
  embeds?: APIEmbed[];
  files?: Array<{ name: string; data: Buffer }>;
} {
  const result = slot.result;
  if (!result)
    return { content: `Answer ${slot.letter} (${slot.label}) is still running; its steps appear when it finishes.` };
  const title = titleOf(slot);
  const name = `trace-${fileSafe(slot.letter)}-${fileSafe(slot.pipelineId)}.md`;
  const file = { name, data: Buffer.from(traceDocument(slot.letter, slot.label, slot.pipelineId, result), 'utf8') };
  const room = Math.min(EMBED_DESCRIPTION_MAX, EMBED_TOTAL_MAX - title.length);
  const heads = result.trace.map((step, index) => stepHead(step, index + 1));
  const fixed = [statusLine(result), ...heads].join('\n\n').length;

  if (fixed <= room) {
    const outputs = result.trace.map((step) => step.outputText.trim());
    const allowances = shareBudget(
      outputs.map((output) => (output ? output.length + 2 * output.split('\n').length + 1 : 0)),
      room - fixed,
    );
    let cut = false;
    const blocks = heads.map((head, index) => {
      const output = outputs[index] ?? '';
      if (!output) return head;
      const quoted = quotedWithin(output, (allowances[index] ?? 0) - 1);
      cut ||= quoted.truncated;
      return quoted.text ? `${head}\n${quoted.text}` : head;
    });
    const embed = { title, description: [statusLine(result), ...blocks].join('\n\n'), color: slotColor(slot.letter) };
    return cut
      ? { content: `Outputs are cut to fit; \`${name}\` has them in full.`, embeds: [embed], files: [file] }
      : { embeds: [embed] };
  }
  const heading = `**${title}**\n${statusLine(result)}`;
  const attached = `The full trace, with every output and prompt, is attached as \`${name}\`.`;
  const steps = fitLines(
    result.trace.map((step) => stepLine(step, 60)),
    MESSAGE_CONTENT_MAX - heading.length - attached.length - 4,
    (left) => `…and ${left} more steps in the file`,
  );
  return { content: [heading, steps, attached].join('\n\n').slice(0, MESSAGE_CONTENT_MAX), files: [file] };
}
