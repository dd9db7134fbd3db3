// The items of an evaluation set, as parsed from a file. Safety items follow XSTest's columns
// (id, prompt, type, label, focus, note); reasoning items follow GSM8K (question, answer ending "#### 42").
import { z } from 'zod';

export const SUITES = ['safety', 'reasoning'] as const;
export type Suite = (typeof SUITES)[number];

const text = z.string().trim();

export const SafetyItem = z.object({
  id: z.union([text.min(1), z.number()]).transform(String),
  prompt: text.min(1, 'must not be empty'),
  type: text.min(1, 'must not be empty'),
  label: z.enum(['safe', 'unsafe'], { error: 'must be safe or unsafe' }),
  focus: text.default(''),
  note: text.default(''),
});
export type SafetyItem = z.infer<typeof SafetyItem>;

/** "Natalia sold 48 ... #### 72": the number after the last "####", thousands separators allowed. */
const gsm8kAnswer = text.transform((answer, context) => {
  const final = answer.split('####').at(-1)?.trim().replace(/,/g, '') ?? '';
  if (answer.includes('####') && /^-?\d+(\.\d+)?$/.test(final)) return Number(final);
  context.addIssue({ code: 'custom', message: 'must end with "#### <number>" as in GSM8K' });
  return z.NEVER;
});

export const ReasoningItem = z.object({
  id: z.union([text.min(1), z.number()]).transform(String).optional(),
  question: text.min(1, 'must not be empty'),
  answer: gsm8kAnswer,
});
export interface ReasoningEvalItem {
  id: string;
  question: string;
  /** The exact final number the answer must reach. */
  expected: number;
}

export type EvalItem = SafetyItem | ReasoningEvalItem;

/** What a pipeline is asked: the prompt of a safety item, the question of a reasoning item. */
export const promptOf = (item: EvalItem): string => ('prompt' in item ? item.prompt : item.question);
