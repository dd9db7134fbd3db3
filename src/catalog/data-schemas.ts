// Schemas of the data files pipelines refer to: rule sets, constitutions, demonstration sets.
import { z } from 'zod';

const Text = z.string().trim().min(1, 'must not be empty');
const Id = z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'use letters, digits and dashes');

export const Rule = z.strictObject({
  id: Id,
  category: z.string().min(1),
  /** filter rules drop a candidate; rank rules only add to its score. */
  kind: z.enum(['filter', 'rank']),
  text: Text,
});
export const RuleSet = z.strictObject({ description: Text.optional(), rules: z.array(Rule).min(1) });
export type Rule = z.infer<typeof Rule>;
export type RuleSet = z.infer<typeof RuleSet>;

export const Principle = z.strictObject({ id: Id, category: z.string().min(1), critique: Text, revision: Text });
export const Constitution = z.strictObject({ description: Text.optional(), principles: z.array(Principle).min(1) });
export type Principle = z.infer<typeof Principle>;
export type Constitution = z.infer<typeof Constitution>;

export const Demo = z.strictObject({ id: Id, tags: z.array(z.string()).default([]), input: Text, output: Text });
export const DemoSet = z.strictObject({
  description: Text.optional(),
  /** The task definition, added to the system prompt (Super-NaturalInstructions' "Definition"). */
  definition: Text,
  demos: z.array(Demo).min(1),
});
export type Demo = z.infer<typeof Demo>;
export type DemoSet = z.infer<typeof DemoSet>;
