// The local journal of reaction events the store could not take: it must survive a restart, keep arrival order,
// and shrug off a last line cut short by a crash.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReactionJournal, type JournaledReaction } from '../../src/records/votes/reaction-journal.ts';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'journal-'));
  file = path.join(dir, 'vote-journal.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const event = (emoji: string, change: 'add' | 'remove' = 'add'): JournaledReaction => ({
  messageId: 'm1',
  voterHash: 'v1',
  emoji,
  change,
  at: '2026-11-30T12:00:00.000Z',
});

describe('the reaction journal', () => {
  it('gives back, in order, what an earlier run appended', async () => {
    const first = await openReactionJournal(file, () => {});
    await first.append(event('🇦'));
    await first.append(event('🇦', 'remove'));
    await first.close();
    const second = await openReactionJournal(file, () => {});
    expect(second.pending).toEqual([event('🇦'), event('🇦', 'remove')]);
    await second.close();
  });

  it('skips a line cut short by a crash, and says which', async () => {
    const first = await openReactionJournal(file, () => {});
    await first.append(event('🇧'));
    await first.close();
    await appendFile(file, '{"messageId":"m1","voter');
    const warnings: string[] = [];
    const second = await openReactionJournal(file, (line) => warnings.push(line));
    expect(second.pending).toEqual([event('🇧')]);
    expect(warnings).toEqual([`${file}: line 2 is not a journaled reaction; skipped`]);
    await second.close();
  });

  it('empties the file once every event is in the store', async () => {
    const journal = await openReactionJournal(file, () => {});
    await journal.append(event('🤝'));
    journal.shift();
    await journal.compact();
    await journal.close();
    expect(await readFile(file, 'utf8')).toBe('');
  });
});
