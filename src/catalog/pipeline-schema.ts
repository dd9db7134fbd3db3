// Schema of a pipeline file in prompts/pipelines/. Data chooses and parameterises step kinds; the runners
// live in src/engine/steps/. Strict objects: a typo such as `temprature` is an error, not a silent default.
import { z } from 'zod';

export const Slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case words joined by dashes, e.g. my-variant');

/** `generator` and `judge` resolve to OPENAI_MODEL / JUDGE_MODEL; anything else is a model name sent as is. */
const ModelRef = z.string().min(1).default('generator');
const Temperature = z.number().min(0).max(2);
const MaxTokens = z.int().min(1).max(32_000);
const Template = z.string().trim().min(1, 'must not be empty');

const GenerateStep = z.strictObject({
  kind: z.literal('generate'),
  id: Slug,
  model: ModelRef,
  temperature: Temperature.default(0.7),
  max_tokens: MaxTokens.default(800),
  /** Added to the system prompt for this call, e.g. the chain-of-thought trigger. */
  instruction: Template.optional(),
  demos: z.strictObject({ set: Slug, k: z.int().min(1).max(10).default(3) }).optional(),
});

const ExtractStep = z.strictObject({
  kind: z.literal('extract'),
  id: Slug,
  /** The id of an earlier step whose output is the reasoning to extract from. */
  from: Slug,
  model: ModelRef,
  temperature: Temperature.default(0),
  max_tokens: MaxTokens.default(400),
  instruction: Template,
});

const SampleStep = z.strictObject({
  kind: z.literal('sample'),
  id: Slug,
  n: z.int().min(1).max(16).default(4),
  model: ModelRef,
  temperature: Temperature.default(0.9),
  max_tokens: MaxTokens.default(800),
  instruction: Template.optional(),
});

const RuleFilterStep = z.strictObject({
  kind: z.literal('rule-filter'),
  id: Slug,
  rules: Slug.default('default'),
  /** A candidate is dropped when a filter rule is judged violated with at least this confidence. */
  threshold: z.number().min(0).max(1).default(0.5),
  model: ModelRef.default('judge'),
  temperature: Temperature.default(0),
  max_tokens: MaxTokens.default(800),
  judge_instruction: Template,
  rewrite_instruction: Template,
  rewrite_temperature: Temperature.default(0.3),
});

const CritiqueReviseStep = z.strictObject({
  kind: z.literal('critique-revise'),
  id: Slug,
  principles: Slug.default('default'),
  rounds: z.int().min(1).max(8).default(2),
  /** without-replacement (our default) or with-replacement (as in the released CAI samples). */
  sampling: z.enum(['without-replacement', 'with-replacement']).default('without-replacement'),
  model: ModelRef,
  critique_temperature: Temperature.default(0),
  revision_temperature: Temperature.default(0.3),
  max_tokens: MaxTokens.default(800),
  critique_instruction: Template,
  revision_instruction: Template,
});

const JudgeBestStep = z.strictObject({
  kind: z.literal('judge-best'),
  id: Slug,
  model: ModelRef.default('judge'),
  temperature: Temperature.default(0),
  max_tokens: MaxTokens.default(400),
  rubric: Template,
  pairwise_instruction: Template,
});

const MajorityVoteStep = z.strictObject({
  kind: z.literal('majority-vote'),
  id: Slug,
  /** Each sampled path should end with a line starting with this; paths without one get an extraction call. */
  answer_prefix: z.string().trim().min(1).default('Final answer:'),
  model: ModelRef,
  temperature: Temperature.default(0),
  max_tokens: MaxTokens.default(200),
  extract_instruction: Template,
});

export const Step = z.discriminatedUnion('kind', [
  GenerateStep,
  ExtractStep,
  SampleStep,
  RuleFilterStep,
  CritiqueReviseStep,
  JudgeBestStep,
  MajorityVoteStep,
]);
export type Step = z.infer<typeof Step>;
export type StepKindName = Step['kind'];
export type StepOf<K extends StepKindName> = Extract<Step, { kind: K }>;

export const Pipeline = z.strictObject({
  id: Slug,
  label: z.string().trim().min(1).max(60),
  /** One line for /pipelines and the README. */
  description: z.string().trim().min(1).max(200),
  /** Replaces prompts/system.md for this pipeline. */
  system: Template.optional(),
  steps: z.array(Step).min(1, 'needs at least one step'),
});
export type Pipeline = z.infer<typeof Pipeline>;
