// Button and select-menu custom ids: a typed codec with a version prefix. Ids come back from Discord as outside input,
// so decoding checks them with zod and answers null for anything that is not ours or is malformed.
import { z } from 'zod';
import { SLOT_LETTERS } from '../../records/comparisons/comparison.ts';
import { CUSTOM_ID_MAX } from './text/discord-limits.ts';

const PREFIX = 'dl1';
const ComparisonId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'use up to 32 url-safe characters');
const Slot = z
  .int()
  .min(0)
  .max(SLOT_LETTERS.length - 1);
const UserId = z.string().regex(/^\d{17,20}$/, 'a Discord user id');
/** Keyed hashes of the facts an answer used (memory/fact-key.ts): they name facts without revealing them. */
export const FACT_KEYS_MAX = 10;
const FactKeys = z
  .array(z.string().regex(/^[0-9a-f]{6}$/))
  .min(1)
  .max(FACT_KEYS_MAX);

export const CustomId = z.discriminatedUnion('action', [
  /** Show the full text of one slot. */
  z.strictObject({ action: z.literal('full'), comparisonId: ComparisonId, slot: Slot }),
  /** Reveal which pipeline wrote each slot, with figures and traces. */
  z.strictObject({ action: z.literal('reveal'), comparisonId: ComparisonId }),
  /** Show one slot's intermediate steps (after the reveal). */
  z.strictObject({ action: z.literal('reasoning'), comparisonId: ComparisonId, slot: Slot }),
  /** "Why?": ask the voter for reason tags for their own vote. */
  z.strictObject({ action: z.literal('why'), comparisonId: ComparisonId }),
  /** The reason-tag select menu "Why?" opens. */
  z.strictObject({ action: z.literal('why-tags'), comparisonId: ComparisonId }),
  /** After /forget-me: remove the caller's vote reactions from the comparison messages. */
  z.strictObject({ action: z.literal('unreact') }),
  /** A vote by button (where the bot cannot add or read reactions): a slot, a tie or all bad. */
  z.strictObject({
    action: z.literal('vote'),
    comparisonId: ComparisonId,
    choice: z.union([Slot, z.enum(['tie', 'all-bad'])]),
  }),
  /** "What did you remember?" under a chat or /ask answer: the facts it used, shown to their owner only. */
  z.strictObject({ action: z.literal('memory-used'), ownerId: UserId, count: z.int().min(1).max(99), keys: FactKeys }),
]);
export type CustomId = z.infer<typeof CustomId>;

const CODES = {
  full: 'f',
  reveal: 'r',
  reasoning: 's',
  why: 'w',
  'why-tags': 't',
  unreact: 'u',
  'memory-used': 'm',
  vote: 'v',
} as const satisfies Record<CustomId['action'], string>;

function fieldsOf(value: CustomId): string[] {
  switch (value.action) {
    case 'full':
    case 'reasoning':
      return [value.comparisonId, String(value.slot)];
    case 'reveal':
    case 'why':
    case 'why-tags':
      return [value.comparisonId];
    case 'vote':
      return [value.comparisonId, String(value.choice)];
    case 'unreact':
      return [];
    case 'memory-used':
      return [value.ownerId, String(value.count), value.keys.join('.')];
  }
}

/** Throws on an invalid value: that is a bug on our side, not user input. */
export function encodeCustomId(value: CustomId): string {
  const checked = CustomId.parse(value);
  const encoded = [PREFIX, CODES[checked.action], ...fieldsOf(checked)].join(':');
  if (encoded.length > CUSTOM_ID_MAX)
    throw new RangeError(`custom id longer than ${CUSTOM_ID_MAX} characters: ${encoded}`);
  return encoded;
}

const SLOT_DIGITS = /^\d{1,2}$/;

export function decodeCustomId(raw: string): CustomId | null {
  if (typeof raw !== 'string' || raw.length > CUSTOM_ID_MAX) return null;
  const [prefix, code, first, second, third, ...extra] = raw.split(':');
  if (prefix !== PREFIX || extra.length > 0) return null;
  if (code === CODES['memory-used']) return decodeMemoryUsed(first, second, third);
  if (third !== undefined) return null;
  const slot = second !== undefined && SLOT_DIGITS.test(second) ? Number(second) : second;
  const candidate =
    code === CODES.full
      ? { action: 'full', comparisonId: first, slot }
      : code === CODES.reveal && second === undefined
        ? { action: 'reveal', comparisonId: first }
        : code === CODES.reasoning
          ? { action: 'reasoning', comparisonId: first, slot }
          : code === CODES.why && second === undefined
            ? { action: 'why', comparisonId: first }
            : code === CODES['why-tags'] && second === undefined
              ? { action: 'why-tags', comparisonId: first }
              : code === CODES.unreact && first === undefined
                ? { action: 'unreact' }
                : code === CODES.vote
                  ? { action: 'vote', comparisonId: first, choice: slot }
                  : null;
  const parsed = CustomId.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

function decodeMemoryUsed(
  ownerId: string | undefined,
  count: string | undefined,
  keys: string | undefined,
): CustomId | null {
  if (count === undefined || !/^\d{1,2}$/.test(count) || keys === undefined) return null;
  const parsed = CustomId.safeParse({ action: 'memory-used', ownerId, count: Number(count), keys: keys.split('.') });
  return parsed.success ? parsed.data : null;
}
