// `npm run export` as a researcher runs it: a real process reading a real store with only the storage
// settings (no Discord token, no model key), writing files that pass their format's schema.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ComparisonRecord } from '../../src/records/comparisons/comparison.ts';
import { createComparisonStore } from '../../src/records/comparisons/comparison-store.ts';
import { EXPORT_FORMATS, EXPORT_LINE_SCHEMAS, ExportMetaLine, KtoLine } from '../../src/export/schemas.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { VoteChoice } from '../../src/records/votes/vote.ts';
import { createVoteLedger } from '../../src/records/votes/vote-ledger.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { aComparison, allBad, pick } from '../fixtures/vote-builders.ts';

let workDir: string;

// Run from a folder without .env, so only the settings given here count.
const exportCli = (args: string[], env: Record<string, string> = {}) =>
  runCli('export', args, { env: { DATA_DIR: path.join(workDir, 'data'), ...env }, cwd: workDir, timeoutMs: 20_000 });

/** Votes as the bot stores them: comparisons in the store, reactions through the ledger. */
async function seed(
  votes: { comparison: string; voter: string; choice: VoteChoice; guildId?: string | null; afterReveal?: boolean }[],
  extra: ComparisonRecord[] = [],
) {
  const store = await openStore({ dataDir: path.join(workDir, 'data') });
  const comparisons = createComparisonStore(store);
  await comparisons.save(
    aComparison({
      id: 'cat',
      pipelines: ['plain', 'cot', 'rules'],
      answers: ['Pebble.', 'Ash, for the grey.', 'No.'],
      conversation: [{ role: 'user', content: 'Name a grey cat.' }],
    }),
  );
  await comparisons.save(aComparison({ id: 'elsewhere', pipelines: ['plain', 'cot'], guildId: 'guild-2' }));
  for (const comparison of extra) await comparisons.save(comparison);
  const ledger = createVoteLedger(store);
  for (const vote of votes) {
    await ledger.applyReaction(
      {
        comparisonId: vote.comparison,
        voterHash: vote.voter,
        choice: vote.choice,
        guildId: vote.guildId === undefined ? 'guild-1' : vote.guildId,
        afterReveal: vote.afterReveal ?? false,
        at: new Date('2026-11-10T10:00:00Z'),
      },
      'add',
    );
  }
  await store.close();
}

const jsonLines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cli-export-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('writes one server’s votes as a valid dataset and sidecar without Discord or model settings', async () => {
    await seed([
      { comparison: 'cat', voter: 'hash-a', choice: pick(1) },
      { comparison: 'cat', voter: 'hash-b', choice: pick(0) },
      { comparison: 'cat', voter: 'hash-c', choice: pick(1), afterReveal: true },
      { comparison: 'elsewhere', voter: 'hash-d', choice: pick(0), guildId: 'guild-2' },
    ]);
    const out = path.join(workDir, 'cat.jsonl');
    const { code, stdout } = await exportCli(['--format', 'trl-dpo-chat', '--guild', 'guild-1', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Wrote 4 lines of trl-dpo-chat (one record set per vote) from 3 votes. Skipped: 1 vote cast after a reveal.',
    );
    const lines = await jsonLines(out);
    const meta = (await jsonLines(path.join(workDir, 'cat.meta.jsonl'))).map((line) => ExportMetaLine.parse(line));
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(EXPORT_LINE_SCHEMAS['trl-dpo-chat'].safeParse(line).error).toBeUndefined();
    expect(meta.map((line) => line.voterHash)).toEqual(['hash-a', 'hash-a', 'hash-b', 'hash-b']);
    expect(meta.every((line) => line.guildId === 'guild-1')).toBe(true);
  }, 30_000);

  it('leaves out comparisons made in direct messages unless --include-dms, says so, and replaces personal details', async () => {
    const dm = aComparison({
      id: 'dm',
      pipelines: ['plain', 'cot'],
      guildId: null,
      answers: ['Sure.', 'Write to me at kim@example.org.'],
      conversation: [{ role: 'user', content: 'Private: my IP is 203.0.113.9, is that safe?' }],
    });
    await seed(
      [
        { comparison: 'cat', voter: 'hash-a', choice: pick(1) },
        { comparison: 'dm', voter: 'hash-b', choice: pick(1), guildId: null },
      ],
      [dm],
    );
    const out = path.join(workDir, 'default.jsonl');
    const closed = await exportCli(['--format', 'trl-dpo', '--out', out]);
    expect(closed.code).toBe(0);
    expect(closed.stdout).toContain(
      'from 2 votes. Skipped: 1 vote on comparisons made in direct messages (kept private; --include-dms adds them).',
    );
    const written = await readFile(out, 'utf8');
    expect(written).toContain('Name a grey cat.');
    expect(written).not.toContain('Private');
    expect(
      (await jsonLines(path.join(workDir, 'default.meta.jsonl'))).map((line) => ExportMetaLine.parse(line).guildId),
    ).toEqual(['guild-1', 'guild-1']);

    const withDms = path.join(workDir, 'with-dms.jsonl');
    const opened = await exportCli(['--format', 'trl-dpo', '--include-dms', '--out', withDms]);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toContain(
      'Wrote 3 lines of trl-dpo (one record set per vote) from 2 votes. Nothing skipped.',
    );
    const lines = (await jsonLines(withDms)).map((line) => EXPORT_LINE_SCHEMAS['trl-dpo'].parse(line));
    expect(lines.find((line) => line.prompt.startsWith('Private'))).toMatchObject({
      prompt: 'Private: my IP is [ip], is that safe?',
      chosen: expect.stringContaining('Write to me at [email].'),
    });
    expect(
      (await jsonLines(path.join(workDir, 'with-dms.meta.jsonl'))).map((line) => ExportMetaLine.parse(line).guildId),
    ).toContain(null);
  }, 30_000);

  it('writes every format so that each line passes its schema', async () => {
    await seed([
      { comparison: 'cat', voter: 'hash-a', choice: pick(1) },
      { comparison: 'cat', voter: 'hash-b', choice: allBad },
    ]);
    for (const format of EXPORT_FORMATS) {
      const out = path.join(workDir, `${format}.jsonl`);
      const { code } = await exportCli(['--format', format, '--out', out]);
      expect(code).toBe(0);
      const lines = await jsonLines(out);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(EXPORT_LINE_SCHEMAS[format].safeParse(line).error).toBeUndefined();
      expect(await jsonLines(path.join(workDir, `${format}.meta.jsonl`))).toHaveLength(lines.length);
    }
  }, 60_000);

  it('labels KTO lines, and aggregates by majority with split decisions flagged', async () => {
    await seed([
      { comparison: 'cat', voter: 'hash-a', choice: pick(1) },
      { comparison: 'cat', voter: 'hash-b', choice: pick(1) },
      { comparison: 'cat', voter: 'hash-c', choice: allBad },
    ]);
    const out = path.join(workDir, 'kto.jsonl');
    expect((await exportCli(['--format', 'kto', '--aggregate', 'majority', '--out', out])).code).toBe(0);
    const lines = (await jsonLines(out)).map((line) => KtoLine.parse(line));
    expect(lines).toEqual([
      {
        prompt: [{ role: 'user', content: 'Name a grey cat.' }],
        completion: [{ role: 'assistant', content: 'Ash, for the grey.' }],
        label: true,
      },
    ]);
    const [meta] = (await jsonLines(path.join(workDir, 'kto.meta.jsonl'))).map((line) => ExportMetaLine.parse(line));
    expect(meta).toMatchObject({ votes: 3, agreeing: 2, split: true, voterHash: null });
  }, 30_000);

  it('exits with 2 and lists the formats for an unknown format, writing nothing', async () => {
    const out = path.join(workDir, 'nope.jsonl');
    const { code, stderr } = await exportCli(['--format', 'alpaca', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Unknown export format "alpaca". Formats: ${EXPORT_FORMATS.join(', ')}.`);
    await expect(stat(out)).rejects.toThrow();
  }, 30_000);

  it('exits with 2 and says what to fix for a missing --out, a bad date or a bad store URL', async () => {
    const noOut = await exportCli(['--format', 'kto']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('Give --out');
    const badDate = await exportCli(['--format', 'kto', '--out', 'x.jsonl', '--since', '2026-11-31']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('since must be a day written YYYY-MM-DD');
    const badUrl = await exportCli(['--format', 'kto', '--out', 'x.jsonl'], { REDIS_URL: 'localhost:6379' });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('REDIS_URL must be a URL such as redis://127.0.0.1:6379');
    expect(badUrl.stderr).not.toMatch(/DISCORD_TOKEN|OPENAI_API_KEY|\n\s+at /);
  }, 30_000);

  it('prints the usage for an unknown option, without a stack trace', async () => {
    const { code, stderr } = await exportCli(['--format', 'kto', '--out', 'x.jsonl', '--sinse', '2026-11-01']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--sinse'");
    expect(stderr).toContain('Usage: npm run export');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('publishes a dataset folder with --card: the formats, a dataset card and croissant.json, all owner-only', async () => {
    await seed([
      { comparison: 'cat', voter: 'hash-a', choice: pick(1) },
      { comparison: 'cat', voter: 'hash-b', choice: pick(0) },
      { comparison: 'elsewhere', voter: 'hash-d', choice: pick(0), guildId: 'guild-2' },
    ]);
    const out = path.join(workDir, 'dataset');
    const { code, stdout } = await exportCli([
      '--card',
      '--format',
      'trl-dpo,raw',
      '--out',
      out,
      '--license',
      'CC-BY-SA-4.0',
      '--url',
      'https://huggingface.co/datasets/lab/votes',
      '--creator',
      'Lab',
      '--language',
      'en,fr',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Wrote 5 lines of trl-dpo');
    expect(stdout).toContain('Wrote 3 lines of raw');
    expect(stdout).toMatch(
      /Position bias, measured as which letter voters picked.*Among 1 comparison of 2 answers.*Among 1 comparison of 3 answers/,
    );
    const files = ['trl-dpo.jsonl', 'trl-dpo.meta.jsonl', 'raw.jsonl', 'raw.meta.jsonl', 'README.md', 'croissant.json'];
    for (const file of files) {
      expect(stdout).toContain(`  ${file}`);
      expect((await stat(path.join(out, file))).mode & 0o777, file).toBe(0o600);
    }
    const readme = await readFile(path.join(out, 'README.md'), 'utf8');
    const frontMatter = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readme)?.[1] ?? '') as Record<string, unknown>;
    expect(frontMatter).toMatchObject({
      license: 'cc-by-sa-4.0',
      language: ['en', 'fr'],
      size_categories: ['n<1K'],
      configs: [
        { config_name: 'trl-dpo', default: true, data_files: [{ split: 'train', path: 'trl-dpo.jsonl' }] },
        { config_name: 'trl-dpo-meta', data_files: [{ split: 'train', path: 'trl-dpo.meta.jsonl' }] },
        { config_name: 'raw', data_files: [{ split: 'train', path: 'raw.jsonl' }] },
        { config_name: 'raw-meta', data_files: [{ split: 'train', path: 'raw.meta.jsonl' }] },
      ],
    });
    expect(readme).toContain('2 servers');
    const croissant = JSON.parse(await readFile(path.join(out, 'croissant.json'), 'utf8')) as {
      license: string;
      distribution: { '@id': string; sha256: string }[];
    };
    expect(croissant.license).toBe('https://spdx.org/licenses/CC-BY-SA-4.0.html');
    for (const file of croissant.distribution) {
      const bytes = await readFile(path.join(out, file['@id']));
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  }, 60_000);

  it('refuses --card without a licence, writing nothing, and takes EXPORT_LICENSE instead', async () => {
    await seed([{ comparison: 'cat', voter: 'hash-a', choice: pick(1) }]);
    const out = path.join(workDir, 'dataset');
    const publish = ['--card', '--out', out, '--url', 'https://example.org/votes', '--creator', 'Lab'];
    const missing = await exportCli(publish);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Give --license (or set EXPORT_LICENSE)');
    await expect(stat(out)).rejects.toThrow();
    const unknown = await exportCli(publish, { EXPORT_LICENSE: 'cc-by-9.0' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('EXPORT_LICENSE must be a licence id the Hugging Face Hub accepts');
    await expect(stat(out)).rejects.toThrow();
    const fromSetting = await exportCli(publish, { EXPORT_LICENSE: 'etalab-2.0' });
    expect(fromSetting.code).toBe(0);
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toContain('license: etalab-2.0');
  }, 60_000);
});
