// Wilson score interval for a proportion: unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and behaves
// with few observations or rates near 0 and 1, which is where slot pick rates and refusal rates live.
import { z } from 'zod';

export const Z_95 = 1.959963984540054;

export const IntervalSchema = z.strictObject({ lower: z.number(), upper: z.number() });
export type Interval = z.infer<typeof IntervalSchema>;

export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (trials === 0) return { lower: 0, upper: 1 };
  const rate = successes / trials;
  const zSquared = z * z;
  const centre = rate + zSquared / (2 * trials);
  const spread = z * Math.sqrt((rate * (1 - rate)) / trials + zSquared / (4 * trials * trials));
  const denominator = 1 + zSquared / trials;
  return { lower: (centre - spread) / denominator, upper: (centre + spread) / denominator };
}
