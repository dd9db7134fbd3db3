// Presentation transforms: an experiment arm is a pipeline plus, optionally, one of these applied to its final
// answer before anyone sees it. The pipeline's run, trace and cost are untouched; only what is displayed (and
// voted on) changes, which makes `cot` against `cot` with `plain-text` a randomized test of formatting alone.
import { z } from 'zod';
import { finalOnly, type FinalOnlyContext } from './final-only.ts';
import { toPlainText } from './plain-text.ts';

export const TRANSFORM_NAMES = ['plain-text', 'final-only'] as const;
export const transformNameSchema = z.enum(TRANSFORM_NAMES);
export type TransformName = z.infer<typeof transformNameSchema>;

/** What a transform may read besides the answer: the run that produced it. */
export type TransformContext = FinalOnlyContext;

export function applyTransform(name: TransformName, answer: string, context: TransformContext): string {
  switch (name) {
    case 'plain-text':
      return toPlainText(answer);
    case 'final-only':
      return finalOnly(answer, context);
  }
}
