// The frozen part of an experiment's plan that the sequential test needs: its error rates and the smallest
// effect worth detecting.
import { z } from 'zod';

export const sequentialPlanSchema = z.object({
  alpha: z.number().gt(0).lt(0.5),
  power: z.number().gt(0.5).lt(1),
  /** Win-rate distance from ½ worth detecting: 0.1 means 60 %. */
  minimumEffect: z.number().gt(0).lt(0.5),
});
export type SequentialPlan = z.infer<typeof sequentialPlanSchema>;
