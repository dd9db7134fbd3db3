import { describe, expect, it } from 'vitest';
import { formatUsd, formatWait } from '../../src/records/quotas/limit-messages.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('waiting times in limit messages', () => {
  it.each([
    [0, '1 second'],
    [1 * SECOND, '1 second'],
    [44.2 * SECOND, '45 seconds'],
    [60 * SECOND, '1 minute'],
    [90 * SECOND, '2 minutes'],
    [11 * MINUTE + 1 * SECOND, '12 minutes'],
    [59 * MINUTE + 30 * SECOND, '1 hour'],
    [5 * HOUR, '5 hours'],
    [4 * HOUR + 9 * MINUTE + 10 * SECOND, '4 hours 10 minutes'],
    [23 * HOUR + 59 * MINUTE, '23 hours 59 minutes'],
  ])('never promises a time too early: %d ms reads "%s"', (milliseconds, text) => {
    expect(formatWait(milliseconds)).toBe(text);
  });

  it('shows money in dollars and cents', () => {
    expect(formatUsd(2)).toBe('$2.00');
    expect(formatUsd(2.034)).toBe('$2.03');
  });
});
