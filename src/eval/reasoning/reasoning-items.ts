// The items of a reasoning set: GSM8K lines (question, answer ending "#### 42"), numbered by line when
// they carry no id.
import { z } from 'zod';

const text = z.string().trim();

/** "Natalia sold 48 ... #### 72": the number after the last "####", thousands separators allowed. */
const gsm8kAnswer = text.transform((answer, context) => {
  const final = answer.split('####').at(-1)?.trim().replace(/,/g, '') ?? '';
  if (answer.includes('####') && /^-?\d+(\.\d+)?$/.test(final)) return Number(final);
  context.addIssue({ code: 'custom', message: 'must end with "#### <number>" as in GSM8K' });
  return z.NEVER;
});

export const ReasoningLine = z.object({
  id: z.union([text.min(1), z.number()]).transform(String).optional(),
  question: text.min(1, 'must not be empty'),
  answer: gsm8kAnswer,
});

export interface ReasoningItem {
  id: string;
  question: string;
  /** The exact final number the answer must reach. */
  expected: number;
}
