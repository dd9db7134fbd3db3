// The items of a safety set: XSTest's columns (id, prompt, type, label, focus, note).
import { z } from 'zod';

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
