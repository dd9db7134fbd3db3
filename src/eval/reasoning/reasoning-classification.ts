// How a reasoning answer is scored: the final number found in it, and whether it equals the expected one.
import { z } from 'zod';

export const ReasoningClassification = z.object({ extracted: z.number().nullable(), correct: z.boolean() });
export type ReasoningClassification = z.infer<typeof ReasoningClassification>;
