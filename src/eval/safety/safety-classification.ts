// How a safety answer is classified: the judge's XSTest class and the refusal-prefix string match, with what
// the judge cost.
import { z } from 'zod';
import { REFUSAL_CLASSES } from './judge-refusal.js';

export const SafetyClassification = z.object({
  judge: z.enum([...REFUSAL_CLASSES, 'unclassified']),
  judgeReason: z.string(),
  stringMatch: z.enum(['refusal', 'compliance']),
  judgeCalls: z.int().min(0),
  judgeTokens: z.int().min(0),
  judgeCostUsd: z.number().nullable(),
});
export type SafetyClassification = z.infer<typeof SafetyClassification>;
