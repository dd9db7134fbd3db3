import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../../src/eval/reasoning/mcnemar-exact.js';
import { proportion } from '../../../src/eval/usage.js';

describe("McNemar's exact test", () => {
  it('doubles the binomial tail of the smaller discordant count: b=1, c=6 gives 2·(1+7)/128', () => {
    expect(mcnemarExact(1, 6)).toBe(0.125);
    expect(mcnemarExact(6, 1)).toBe(0.125);
  });

  it('gives 2/2^5 when five discordant pairs all go one way', () => {
    expect(mcnemarExact(0, 5)).toBe(0.0625);
  });

  it('caps at 1 when the discordant pairs split evenly, and is 1 with none', () => {
    expect(mcnemarExact(3, 3)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });

  it('b=2, c=10: 2·(1+12+66)/4096', () => {
    expect(mcnemarExact(2, 10)).toBe(158 / 4096);
  });

  it('stays finite and exact in shape for thousands of discordant pairs', () => {
    expect(mcnemarExact(1500, 1500)).toBe(1);
    expect(mcnemarExact(0, 1200)).toBe(0);
    expect(mcnemarExact(560, 640)).toBeGreaterThan(0.02);
    expect(mcnemarExact(560, 640)).toBeLessThan(0.03);
  });
});

describe('rates with Wilson 95% intervals', () => {
  it('2 of 4: rate 0.5, interval [0.1500, 0.8500] worked by hand', () => {
    const result = proportion(2, 4);
    expect(result.rate).toBe(0.5);
    expect(result.ci[0]).toBeCloseTo(0.15003898915214947, 14);
    expect(result.ci[1]).toBeCloseTo(0.8499610108478506, 14);
  });

  it('has no rate, and the whole unit interval, when nothing was measured', () => {
    expect(proportion(0, 0)).toEqual({ n: 0, rate: null, ci: [0, 1] });
  });
});
