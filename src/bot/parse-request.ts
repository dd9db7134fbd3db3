// Checks what a user typed before any model is called: the prompt and the list of pipelines.
import { COMPARE_MAX_SLOTS } from '../records/comparisons/comparison.js';
import type { Engine } from '../engine/create-engine.js';
import { UserError } from '../base/user-error.js';

export const PROMPT_MAX = 4000;

export function checkPrompt(raw: string | null | undefined, example: string): string {
  const prompt = (raw ?? '').trim();
  if (!prompt) throw new UserError('empty-prompt', `The prompt is empty. Write what you want to ask, e.g. \`${example}\`.`);
  if (prompt.length > PROMPT_MAX) {
    throw new UserError('prompt-too-long', `The prompt is ${prompt.length} characters long; the limit is ${PROMPT_MAX}. Shorten it and try again.`);
  }
  return prompt;
}

export interface OptionRange {
  min: number;
  max: number;
  /** What 0 means, when it means something special ("unlimited", "no cap"). */
  zero?: string;
}

/**
 * A number option checked against the range its builder declares. Discord enforces min/max only in clients that
 * know the current registration, so an old registration or another client can still send -5.
 */
export function checkRange(name: string, value: number, range: OptionRange): number {
  if (Number.isFinite(value) && value >= range.min && value <= range.max) return value;
  const zero = range.zero ? ` (0 = ${range.zero})` : '';
  throw new UserError('invalid-option', `\`${name}\` must be from ${range.min} to ${range.max}${zero}; you gave ${value}. Nothing was changed.`);
}

/** A pipeline id as a user typed it, spelt as the catalog spells ids: trimmed, lower case. */
export const normalizePipelineId = (typed: string): string => typed.trim().toLowerCase();

/** "cot, rules" (or a list) -> ['cot', 'rules'] as the catalog spells ids, without blanks or repeats; not yet checked. */
export const splitPipelineIds = (raw: string | readonly string[]): string[] =>
  [...new Set((typeof raw === 'string' ? raw.split(/[\s,]+/) : raw).map(normalizePipelineId).filter(Boolean))];

/**
 * "cot, rules" -> ['cot', 'rules'], each checked against the catalog, duplicates removed. `minimum` is 1 when the
 * comparison crosses the pipelines with several models (one pipeline on two models already makes two answers).
 */
export function parsePipelineList(raw: string | string[], engine: Engine, minimum: 1 | 2 = 2): string[] {
  const unique = splitPipelineIds(raw);
  unique.forEach((id) => engine.pipeline(id));
  if (unique.length < minimum) {
    throw new UserError('too-few-pipelines', minimum === 1
      ? 'List at least one pipeline, e.g. `cot`. See /pipelines for the list.'
      : 'A comparison needs at least two different pipelines, e.g. `plain, cot`. See /pipelines for the list.');
  }
  if (unique.length > COMPARE_MAX_SLOTS) {
    throw new UserError('invalid-option', `At most ${COMPARE_MAX_SLOTS} pipelines fit in one comparison; you listed ${unique.length}.`);
  }
  return unique;
}
