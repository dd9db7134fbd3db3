// Rate limits and the daily model budget as users meet them, on SQLite, Redis and PostgreSQL alike, including
// after a restart and with two bot processes sharing one store.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../src/base/user-error.ts';
import { createUsageLimits, type UsageLimits } from '../../src/records/quotas/usage-limits.ts';
import { createUsageLog } from '../../src/records/quotas/usage-log.ts';
import { openStore, type StoreOptions } from '../../src/store/open-store.ts';
import { STORE_BACKENDS, useStoreFixture, type StoreFixture, type TestBackend } from '../fakes/store-backends.ts';
import { startStoreWorker } from '../fakes/store-worker.ts';

const GUILD = 'guild-1';
/** A time on 2 November 2026 (UTC), or any full ISO time. */
const at = (time: string) => new Date(time.includes('T') ? time : `2026-11-02T${time}Z`);
const WORKER = fileURLToPath(new URL('./usage-cost-worker.ts', import.meta.url));

function compare(
  limits: UsageLimits,
  time: string,
  overrides: Partial<Parameters<UsageLimits['reserveCompare']>[0]> = {},
) {
  return limits.reserveCompare({
    guildId: GUILD,
    userHash: 'ada',
    perHour: 3,
    dailyCapUsd: 0,
    now: at(time),
    ...overrides,
  });
}

/** The refusal's code and message, or 'allowed'. */
async function outcomeOf(attempt: Promise<void>): Promise<string> {
  try {
    await attempt;
    return 'allowed';
  } catch (error) {
    if (error instanceof UserError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

// The shared fixture cleans only the namespaces it knows; these are the limits' own.
function cleanUsageNamespaces(backend: TestBackend, fixture: StoreFixture) {
  afterEach(async () => {
    if (backend.name === 'sqlite') return;
    const cleaner = await openStore(fixture.options());
    for (const name of ['usage-compares', 'usage-costs', 'usage-runs'])
      await cleaner.namespace(name, z.unknown()).clear();
    await cleaner.close();
  });
}

function startCostWorker(options: StoreOptions, runPrefix: string, count: number) {
  return startStoreWorker(WORKER, {
    options,
    guildId: GUILD,
    runPrefix,
    count,
    costUsd: 0.01,
    now: at('12:00:00').toISOString(),
  });
}

describe.each(STORE_BACKENDS)('usage limits on $name', (backend) => {
  const fixture = useStoreFixture(backend);
  cleanUsageNamespaces(backend, fixture);

  it('refuses the fourth compare within an hour at 3 per hour and says when the next one is available', async () => {
    const limits = createUsageLimits(await fixture.open());
    for (const time of ['10:00:00', '10:05:00', '10:10:00']) await compare(limits, time);
    expect(await outcomeOf(compare(limits, '10:20:00'))).toBe(
      'rate-limited: You have used your 3 comparisons for this hour. Your next one is available in 40 minutes.',
    );
  });

  it('allows a compare again once the oldest is an hour old, without counting refused attempts', async () => {
    const limits = createUsageLimits(await fixture.open());
    for (const time of ['10:00:00', '10:05:00', '10:10:00']) await compare(limits, time);
    expect(await outcomeOf(compare(limits, '10:59:30'))).toContain('available in 30 seconds');
    expect(await outcomeOf(compare(limits, '11:00:00'))).toBe('allowed');
    expect(await outcomeOf(compare(limits, '11:01:00'))).toContain('available in 4 minutes');
  });

  it('never refuses a user when the hourly limit is 0', async () => {
    const limits = createUsageLimits(await fixture.open());
    for (let minute = 10; minute < 60; minute++) await compare(limits, `10:${minute}:00`, { perHour: 0 });
    expect(await limits.remaining({ guildId: GUILD, userHash: 'ada', perHour: 0, now: at('10:59:30') })).toMatchObject({
      left: null,
    });
  });

  it('lets only one of two simultaneous compares through when one is left', async () => {
    const limits = createUsageLimits(await fixture.open());
    const outcomes = await Promise.all(
      [compare(limits, '10:00:00', { perHour: 1 }), compare(limits, '10:00:00', { perHour: 1 })].map(outcomeOf),
    );
    expect(outcomes.filter((outcome) => outcome === 'allowed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.startsWith('rate-limited'))).toHaveLength(1);
  });

  it('shows how many compares are left this hour and when the oldest expires', async () => {
    const limits = createUsageLimits(await fixture.open());
    const ask = (time: string) => limits.remaining({ guildId: GUILD, userHash: 'ada', perHour: 3, now: at(time) });
    expect(await ask('09:00:00')).toEqual({ left: 3, used: 0, resetsAt: null });
    await compare(limits, '10:00:00');
    await compare(limits, '10:30:00');
    expect(await ask('10:45:00')).toEqual({ left: 1, used: 2, resetsAt: at('11:00:00') });
    expect(await ask('11:15:00')).toEqual({ left: 2, used: 1, resetsAt: at('11:30:00') });
  });

  it('counts each user separately, and a server apart from direct messages and other servers', async () => {
    const limits = createUsageLimits(await fixture.open());
    await compare(limits, '10:00:00', { perHour: 1 });
    expect(await outcomeOf(compare(limits, '10:01:00', { perHour: 1 }))).toMatch(/^rate-limited/);
    expect(await outcomeOf(compare(limits, '10:01:00', { perHour: 1, userHash: 'bob' }))).toBe('allowed');
    expect(await outcomeOf(compare(limits, '10:01:00', { perHour: 1, guildId: null }))).toBe('allowed');
    expect(await outcomeOf(compare(limits, '10:01:00', { perHour: 1, guildId: 'guild-2' }))).toBe('allowed');
  });

  it('refuses compares once the day’s spend reaches the budget, and allows them again the next UTC day', async () => {
    const limits = createUsageLimits(await fixture.open());
    const withCap = (time: string) => compare(limits, time, { perHour: 0, dailyCapUsd: 2 });
    await limits.recordCost({ guildId: GUILD, runId: 'run-1', costUsd: 1.5, now: at('09:00:00') });
    expect(await outcomeOf(withCap('10:00:00'))).toBe('allowed');
    await limits.recordCost({ guildId: GUILD, runId: 'run-2', costUsd: 0.53, now: at('10:00:05') });
    expect(await outcomeOf(withCap('19:00:00'))).toBe(
      'cost-cap: This server has reached its daily model budget of $2.00 (spent $2.03 today). It resets at 00:00 UTC, in 5 hours.',
    );
    expect(await outcomeOf(withCap('2026-11-03T00:00:01Z'))).toBe('allowed');
    expect(await limits.spentToday(GUILD, at('2026-11-03T08:00:00Z'))).toEqual({ usd: 0, incomplete: false });
  });

  it('refuses at exactly the budget, and says the spend is a lower bound when a price was unknown', async () => {
    const limits = createUsageLimits(await fixture.open());
    await limits.recordCost({ guildId: GUILD, runId: 'priced', costUsd: 1, now: at('09:00:00') });
    await limits.recordCost({ guildId: GUILD, runId: 'unpriced', costUsd: null, now: at('09:00:00') });
    expect(await limits.spentToday(GUILD, at('10:00:00'))).toEqual({ usd: 1, incomplete: true });
    expect(await outcomeOf(compare(limits, '23:30:00', { dailyCapUsd: 1 }))).toBe(
      'cost-cap: This server has reached its daily model budget of $1.00 (spent at least $1.00 today). It resets at 00:00 UTC, in 30 minutes.',
    );
  });

  it('keeps direct messages’ spend apart from the servers’', async () => {
    const limits = createUsageLimits(await fixture.open());
    await limits.recordCost({ guildId: null, runId: 'run-1', costUsd: 5, now: at('09:00:00') });
    expect(await limits.spentToday(GUILD, at('10:00:00'))).toEqual({ usd: 0, incomplete: false });
    expect(await outcomeOf(compare(limits, '10:00:00', { dailyCapUsd: 1 }))).toBe('allowed');
    expect(await outcomeOf(compare(limits, '10:00:00', { dailyCapUsd: 1, guildId: null }))).toMatch(
      /^cost-cap: Direct messages with the bot have reached their daily model budget of \$1\.00 \(spent \$5\.00 today\)/,
    );
  });

  it('adds up 200 costs recorded at once without losing any, and counts a retried run once', async () => {
    const limits = createUsageLimits(await fixture.open());
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        limits.recordCost({ guildId: GUILD, runId: `run-${index}`, costUsd: 0.01, now: at('12:00:00') }),
      ),
    );
    expect(await limits.spentToday(GUILD, at('13:00:00'))).toEqual({ usd: 2, incomplete: false });
    await limits.recordCost({ guildId: GUILD, runId: 'run-0', costUsd: 0.01, now: at('12:00:01') });
    expect((await limits.spentToday(GUILD, at('13:00:00'))).usd).toBe(2);
  });

  it('remembers compares and spend after the store is closed and opened again', async () => {
    const first = await fixture.open();
    const before = createUsageLimits(first);
    await compare(before, '10:00:00', { perHour: 1 });
    await before.recordCost({ guildId: GUILD, runId: 'run-1', costUsd: 0.75, now: at('10:00:30') });
    await first.close();
    const after = createUsageLimits(await fixture.open());
    expect(await outcomeOf(compare(after, '10:30:00', { perHour: 1 }))).toContain('available in 30 minutes');
    expect(await after.spentToday(GUILD, at('11:00:00'))).toEqual({ usd: 0.75, incomplete: false });
  });

  it('deletes the costs of days before a date, in every scope, and keeps the rest', async () => {
    const limits = createUsageLimits(await fixture.open());
    const record = (guildId: string | null, runId: string, day: string) =>
      limits.recordCost({ guildId, runId, costUsd: 1, now: at(`${day}T12:00:00Z`) });
    await record(GUILD, 'old', '2026-10-31');
    await record(null, 'old', '2026-11-01');
    await record(GUILD, 'kept', '2026-11-02');
    expect(await limits.pruneBefore(at('2026-11-02T08:00:00Z'))).toBe(2);
    expect(await limits.spentToday(GUILD, at('2026-10-31T13:00:00Z'))).toEqual({ usd: 0, incomplete: false });
    expect(await limits.spentToday(null, at('2026-11-01T13:00:00Z'))).toEqual({ usd: 0, incomplete: false });
    expect(await limits.spentToday(GUILD, at('13:00:00'))).toEqual({ usd: 1, incomplete: false });
  });

  it('adds up the costs two processes record at the same moment', async () => {
    const limits = createUsageLimits(await fixture.open());
    const workers = [
      startCostWorker(fixture.options(), 'first', 150),
      startCostWorker(fixture.options(), 'second', 150),
    ];
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const outcomes = await Promise.all(workers.map((worker) => worker.done));
    for (const outcome of outcomes) expect(outcome, outcome.stderr).toMatchObject({ code: 0 });
    expect(await limits.spentToday(GUILD, at('13:00:00'))).toEqual({ usd: 3, incomplete: false });
  }, 30_000);

  it('keeps each run’s use for /usage by month under the user hash, forgets one user everywhere, and prunes past months', async () => {
    const usage = createUsageLog(await fixture.open());
    const part = { pipelineId: 'plain', calls: 1, tokens: 10, costUsd: 0.5 };
    await usage.record({
      guildId: GUILD,
      userHash: 'ada',
      runId: 'r1',
      kind: 'compare',
      parts: [part],
      now: at('2026-10-31T12:00:00Z'),
    });
    await usage.record({
      guildId: GUILD,
      userHash: 'ada',
      runId: 'r2',
      kind: 'answer',
      parts: [part],
      now: at('12:00:00'),
    });
    await usage.record({
      guildId: GUILD,
      userHash: 'bob',
      runId: 'r3',
      kind: 'compare',
      parts: [part, part],
      now: at('12:00:00'),
    });
    await usage.record({
      guildId: null,
      userHash: 'ada',
      runId: 'r4',
      kind: 'answer',
      parts: [part],
      now: at('12:00:00'),
    });
    expect((await usage.month(GUILD, at('13:00:00'))).map((run) => [run.userHash, run.kind]).sort()).toEqual([
      ['ada', 'answer'],
      ['bob', 'compare'],
    ]);
    expect(await usage.month(GUILD, at('2026-10-15T00:00:00Z'))).toHaveLength(1);
    expect(await usage.forgetUser('ada')).toBe(3);
    expect((await usage.month(GUILD, at('13:00:00'))).map((run) => run.userHash)).toEqual(['bob']);
    expect(await usage.month(null, at('13:00:00'))).toEqual([]);
    await usage.record({
      guildId: GUILD,
      userHash: 'bob',
      runId: 'r5',
      kind: 'compare',
      parts: [part],
      now: at('2026-10-01T12:00:00Z'),
    });
    expect(await usage.pruneBefore(at('2026-11-01T00:00:00Z'))).toBe(1);
    expect(await usage.month(GUILD, at('13:00:00'))).toHaveLength(1);
  });
});
