// Schemas of the data files pipelines refer to (rule sets, constitutions, demonstration sets) and of the
// vote-hygiene lists (leak markers, reason tags).
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

/** prompts/memory.yaml: the memory step (BlenderBot 3's long-term memory): what to extract and how much to recall. */
export const MemoryPrompt = z.strictObject({
  description: Text.optional(),
  extract: z.strictObject({
    /** `generator`, `judge` or a model name, as in pipeline steps. */
    model: z.string().min(1).default('generator'),
    temperature: z.number().min(0).max(2).default(0),
    max_tokens: z.int().min(1).max(4000).default(300),
    /** At most this many facts are kept from one message. */
    max_facts: z.int().min(1).max(20).default(5),
    instruction: Text,
  }),
  recall: z.strictObject({
    /** The most relevant facts given to the model per turn. */
    k: z.int().min(1).max(20).default(5),
    heading: Text,
  }),
});
export type MemoryPrompt = z.infer<typeof MemoryPrompt>;

/** prompts/leak-markers.yaml: what gives a technique away in an answer shown blind (see leak-markers.ts). */
export const LeakMarkerList = z.strictObject({
  description: Text.optional(),
  /** Matched anywhere, ignoring case: "Let's think step by step", "Critique:". */
  phrases: z.array(Text).default([]),
  /** Pipeline ids or labels that are everyday words ("plain"), so finding them in an answer says nothing. */
  ignore: z.array(Text).default([]),
});
export type LeakMarkerList = z.infer<typeof LeakMarkerList>;

const TagId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'use lower-case words joined by dashes')
  .max(40, 'must be at most 40 characters');

/** prompts/reason-tags.yaml: the reasons a voter can give for a vote with the "Why?" button. */
export const ReasonTagList = z.strictObject({
  description: Text.optional(),
  // A Discord select menu holds at most 25 options.
  tags: z
    .array(
      z.strictObject({
        id: TagId,
        label: Text.max(100, 'must be at most 100 characters'),
        description: Text.max(100, 'must be at most 100 characters').optional(),
      }),
    )
    .min(1)
    .max(25, 'a Discord menu holds at most 25 options')
    .refine((tags) => new Set(tags.map((tag) => tag.id)).size === tags.length, 'tag ids must be unique'),
});
export type ReasonTagList = z.infer<typeof ReasonTagList>;

/** The category a comparison counts under when it has none (older comparisons) or nothing else fits. */
export const FALLBACK_CATEGORY = 'other';

const CategoryPattern = z.string().refine((pattern) => {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

/**
 * prompts/categories.yaml: the prompt-category step. A judge call picks one category per compared prompt; the
 * patterns decide when it fails. Ids become a /leaderboard choice (at most 25, Discord's limit) and are stored.
 */
export const CategoryPrompt = z
  .strictObject({
    description: Text.optional(),
    /** `generator`, `judge` or a model name, as in pipeline steps. */
    model: z.string().min(1).default('judge'),
    temperature: z.number().min(0).max(2).default(0),
    max_tokens: z.int().min(1).max(1000).default(60),
    /** The judge call is given up after this long, and the patterns decide. */
    timeout_ms: z.int().min(100).max(120_000).default(20_000),
    instruction: Text.refine((text) => text.includes('{categories}'), 'must contain {categories}'),
    categories: z
      .array(
        z.strictObject({
          id: TagId,
          description: Text.max(100, 'must be at most 100 characters'),
          patterns: z.array(CategoryPattern).default([]),
        }),
      )
      .min(2)
      .max(25, 'a Discord option offers at most 25 choices')
      .refine((list) => new Set(list.map((entry) => entry.id)).size === list.length, 'category ids must be unique')
      .refine(
        (list) => list.some((entry) => entry.id === FALLBACK_CATEGORY),
        `must include "${FALLBACK_CATEGORY}" (where older comparisons and unmatched prompts count)`,
      ),
  })
  .refine((prompt) => !/\{(?!categories\})[a-z_]+\}/.test(prompt.instruction), {
    message: 'instruction: the only placeholder is {categories}',
    path: ['instruction'],
  });
export type CategoryPrompt = z.infer<typeof CategoryPrompt>;
