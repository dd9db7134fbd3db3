// Exports carry no raw Discord ids or other personal details: they become typed placeholders, and an empty
// "ok" answer (possible only in hand-edited data) never becomes a preference pair.
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../src/export/schemas.ts';
import { exportDataset } from '../../src/export/export-dataset.ts';
import { toJsonl } from '../../src/export/to-jsonl.ts';
import { anExportComparison, aVote, pick } from '../fixtures/vote-builders.ts';

const comparison = anExportComparison({
  id: 'c1',
  pipelines: ['plain', 'cot'],
  answers: ['Ask <@!123456789012345678> in <#223456789012345678>.', 'Ping <@&323456789012345678> at bob@example.com.'],
  conversation: [{ role: 'user', content: 'What did <@123456789012345678> say? Call me on +1 415 555 2671.' }],
});

describe('mentions in exports', () => {
  it.each(EXPORT_FORMATS)(
    '%s replaces mentions, addresses and phone numbers in prompts and answers with placeholders',
    (format) => {
      const { lines } = exportDataset(format, [aVote('c1', pick(0))], [comparison]);
      const text = toJsonl(lines);
      expect(text).not.toMatch(/\d{17,}/);
      expect(text).not.toContain('bob@example.com');
      expect(text).not.toContain('555 2671');
      expect(text).toContain('Call me on [phone].');
      if (format !== 'kto' || text.includes('Ask')) expect(text).toContain('Ask [mention] in [mention].');
    },
  );

  it('leaves the stored comparison as it was shown', () => {
    exportDataset('trl-dpo', [aVote('c1', pick(0))], [comparison]);
    expect(comparison.conversation[0]?.content).toContain('<@123456789012345678>');
  });
});

describe('empty answers', () => {
  it('gives no pair for an ok slot whose answer is empty', () => {
    const broken = anExportComparison({ id: 'c2', pipelines: ['plain', 'cot'], answers: ['fine answer', '   '] });
    const { lines } = exportDataset('trl-dpo', [aVote('c2', pick(0))], [broken]);
    expect(lines).toEqual([]);
  });
});
