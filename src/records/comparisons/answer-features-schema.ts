// The stored shape of an answer's features (answer-features.ts computes them), apart from the tokenizer: reading a
// ballot or a count record needs only this, and loading the tokenizer's tables would slow every counting worker.
import { z } from 'zod';

export const AnswerFeaturesSchema = z.strictObject({
  /** o200k tokens of the whole answer: one tokenizer for every model, so lengths compare across pipelines. */
  tokens: z.int().min(0),
  chars: z.int().min(0),
  /** Markdown headers, list items and bold spans, counted with code blocks removed (as LMArena does). */
  headers: z.int().min(0),
  listItems: z.int().min(0),
  boldSpans: z.int().min(0),
  codeBlocks: z.int().min(0),
});
export type AnswerFeatures = z.infer<typeof AnswerFeaturesSchema>;
