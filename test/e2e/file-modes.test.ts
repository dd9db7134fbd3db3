// Who can read what the bot writes to disk: the data directory is its owner's only (0700), and the store, its
// write-ahead log, the vote journal, backups and exports are 0600, even under a umask that would let everyone
// read them (set to 000 for these tests; child processes inherit it).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openData } from '../../src/app/open-data.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

const quiet = { info: () => {}, warn: () => {} };
let previousUmask: number;
let workDir: string;

beforeAll(() => {
  previousUmask = process.umask(0o000);
});
afterAll(() => {
  process.umask(previousUmask);
});
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'file-modes-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const modeOf = async (file: string) => ((await stat(file)).mode & 0o777).toString(8);

/** Every file in `dir` with its mode, e.g. { 'dialog-lab.sqlite': '600' }. */
async function modesIn(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir);
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await modeOf(path.join(dir, name))] as const)),
  );
}

describe('file modes', () => {
  it('keeps the data directory it creates, the store files and the vote journal to their owner while the bot runs', async () => {
    const dataDir = path.join(workDir, 'deployment', 'data');
    let harness: Harness | undefined;
    try {
      harness = await startHarness({ env: { DATA_DIR: dataDir } });
      harness.model.respond(pipelineAnswers());
      const compared = harness.discord.runSlashCommand({
        name: 'compare',
        userId: harness.discord.userId('alice'),
        options: { prompt: 'Name my cat', pipelines: 'plain, cot' },
      });
      await compared.waitForOriginal(comparisonDone, 15_000);

      expect(await modeOf(dataDir)).toBe('700');
      const modes = await modesIn(dataDir);
      expect(Object.keys(modes)).toEqual(
        expect.arrayContaining(['dialog-lab.sqlite', 'dialog-lab.sqlite-wal', 'vote-journal.jsonl']),
      );
      for (const [name, mode] of Object.entries(modes)) expect(`${name}: ${mode}`).toBe(`${name}: 600`);
    } finally {
      await harness?.stop();
    }
  });

  it(
    'writes backups and exports readable by their owner only, and the backup warns that it holds the salt',
    { timeout: 60_000 },
    async () => {
      const dataDir = path.join(workDir, 'data');
      const data = await openData({ dataDir }, quiet);
      const record = aStoredComparison({ id: 'cat', status: 'done', messageId: 'message-cat' });
      record.slots = record.slots.map((slot) => ({ ...slot, result: aResult(slot.pipelineId) }));
      await data.comparisons.save(record);
      await data.votes.applyReaction(
        {
          comparisonId: 'cat',
          voterHash: 'voter-1',
          choice: { kind: 'pick', slot: 0 },
          guildId: 'guild-1',
          afterReveal: false,
          at: new Date('2026-11-10T10:00:00Z'),
        },
        'add',
      );
      await data.store.close();

      const cliRun = { env: { DATA_DIR: dataDir }, cwd: workDir };
      const backup = await runCli('backup', ['--out', 'backup.jsonl'], cliRun);
      expect(backup.code).toBe(0);
      expect(backup.stderr).toContain('⚠️ backup.jsonl holds every record in clear, the voter-hash salt too');
      expect((await runCli('export', ['--format', 'trl-dpo', '--out', 'pairs.jsonl'], cliRun)).code).toBe(0);

      expect(await modesIn(workDir)).toEqual({
        data: '700',
        'backup.jsonl': '600',
        'pairs.jsonl': '600',
        'pairs.meta.jsonl': '600',
      });
    },
  );
});
