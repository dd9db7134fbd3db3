// The files /export and `npm run export` hand out: every line checked against its format before it is
// written, prompts deleted by /forget-me skipped with a reason, and a reply that fits Discord's upload limit.
import type { ChatMessage } from '../../src/llm/chat-model.ts';
import { describe, expect, it } from 'vitest';
import { describeExport } from '../../src/render/describe-export.ts';
import { buildExportFiles, type ExportFiles } from '../../src/export/export-files.ts';
import { sidecarPathOf } from '../../src/export/export-paths.ts';
import { parseSinceDay } from '../../src/export/parse-export-options.ts';
import { renderExportReply, UPLOAD_MAX_BYTES } from '../../src/render/discord/export-reply.ts';
import { anExportComparison, allBad, aVote, pick } from '../fixtures/vote-builders.ts';

const cat = anExportComparison({ id: 'cat', pipelines: ['plain', 'rules'], answers: ['Try Pebble.', 'No.'] });

describe('export files', () => {
  it('writes aligned dataset and sidecar lines and says what it wrote', async () => {
    const files = await buildExportFiles(
      'kto',
      [aVote('cat', pick(0)), aVote('cat', allBad, { voterHash: 'voter-2' })],
      [cat],
    );
    expect(files.data.split('\n').filter(Boolean)).toHaveLength(3);
    expect(files.meta.split('\n').filter(Boolean)).toHaveLength(3);
    expect(describeExport(files)).toBe('Wrote 3 lines of kto (one record set per vote) from 2 votes. Nothing skipped.');
  });

  it('leaves out a line that fails its format’s schema instead of writing it, and says so', async () => {
    // Stands in for a bug upstream: a role no export format allows.
    const blank = anExportComparison({
      id: 'blank',
      pipelines: ['plain', 'cot'],
      conversation: [{ role: 'tool', content: 'x' } as unknown as ChatMessage],
    });
    const files = await buildExportFiles(
      'trl-dpo-chat',
      [aVote('blank', pick(0)), aVote('cat', pick(0))],
      [blank, cat],
    );
    expect(files.lines).toBe(1);
    expect(files.data).toContain('Try Pebble.');
    expect(
      files.meta
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { comparisonId: string }).comparisonId),
    ).toEqual(['cat']);
    expect(files.firstProblem).toMatch(/^trl-dpo-chat line 1: prompt\[0\]\.role: /);
    expect(describeExport(files)).toContain('Skipped: 1 line that failed the format check (a bug: please report it).');
  });

  it('skips votes on comparisons whose prompt was deleted, with the reason', async () => {
    const forgotten = { ...anExportComparison({ id: 'gone', pipelines: ['plain', 'cot'] }), conversation: [] };
    const files = await buildExportFiles('raw', [aVote('gone', pick(1)), aVote('cat', pick(0))], [forgotten, cat]);
    expect(files.lines).toBe(1);
    expect(describeExport(files)).toContain('1 vote on a comparison whose prompt was deleted');
  });

  it('puts the sidecar next to the dataset', () => {
    expect(sidecarPathOf('out/kto.jsonl')).toBe('out/kto.meta.jsonl');
    expect(sidecarPathOf('dataset')).toBe('dataset.meta.jsonl');
  });

  it('accepts since only as a real calendar day', () => {
    expect(parseSinceDay(' 2026-11-01 ')).toBe('2026-11-01');
    for (const typo of ['2026-13-01', '2026-02-30', '1/11/2026', '2026-11-01T10:00']) {
      expect(() => parseSinceDay(typo)).toThrow(
        `since must be a day written YYYY-MM-DD, such as 2026-11-01 (got "${typo}").`,
      );
    }
  });
});

const uploadOf = (files: ExportFiles) => ({ data: Buffer.from(files.data), meta: Buffer.from(files.meta) });

describe('/export reply', () => {
  const where = { guildId: '123456', day: new Date('2026-11-20T12:00:00Z') };

  it('attaches the dataset and its sidecar named after format, server and day', async () => {
    const files = await buildExportFiles('trl-dpo', [aVote('cat', pick(0))], [cat]);
    const reply = renderExportReply(files, uploadOf(files), where);
    expect(reply.files.map((file) => file.name)).toEqual([
      'trl-dpo-123456-2026-11-20.jsonl',
      'trl-dpo-123456-2026-11-20.meta.jsonl',
    ]);
    expect(reply.content).toMatch(/^Wrote 1 line of trl-dpo/);
  });

  it('sends no empty files when nothing matches', async () => {
    const files = await buildExportFiles('trl-dpo', [aVote('cat', allBad)], [cat]);
    const reply = renderExportReply(files, uploadOf(files), where);
    expect(reply.files).toEqual([]);
    expect(reply.content).toMatch(/^Nothing to export with these options\. Wrote 0 lines/);
  });

  it('points to the CLI when the files are over Discord’s upload limit', async () => {
    const files = await buildExportFiles('kto', [aVote('cat', pick(0))], [cat], { aggregate: 'majority' });
    const reply = renderExportReply(files, { tooBig: UPLOAD_MAX_BYTES }, where);
    expect(reply.files).toEqual([]);
    expect(reply.content).toContain(
      'The export is 8.0 MiB, more than Discord’s 8 MiB upload limit. Run `npm run export -- --format kto --guild 123456 --aggregate majority --out kto-123456-2026-11-20.jsonl`',
    );
  });
});
