// Preference datasets as trainers read them: exact field names per format, one pair per loser of a pick,
// nothing for ties, KTO labels for all-bad, and a sidecar that lines up with every main line.
import { describe, expect, it } from 'vitest';
import { exportDataset } from '../../src/export/export-dataset.ts';
import { exportHhRlhf } from '../../src/export/formats/export-hh-rlhf.ts';
import { exportKto } from '../../src/export/formats/export-kto.ts';
import { exportOpenAiDpo } from '../../src/export/formats/export-openai-dpo.ts';
import { exportTrlDpoChat } from '../../src/export/formats/export-trl-dpo-chat.ts';
import { exportTrlDpo } from '../../src/export/formats/export-trl-dpo.ts';
import { EXPORT_FORMATS, EXPORT_LINE_SCHEMAS, ExportMetaLine } from '../../src/export/schemas.ts';
import { toJsonl } from '../../src/export/to-jsonl.ts';
import { anExportComparison, allBad, aVote, pick, tie } from '../fixtures/vote-builders.ts';

const cat = anExportComparison({
  id: 'cat',
  pipelines: ['plain', 'rules'],
  answers: ['Try Pebble or Ash.', "I can't help with pet names."],
  conversation: [{ role: 'user', content: 'Name a grey cat.' }],
});
const catVote = aVote('cat', pick(0));
const bestOfFour = anExportComparison({ id: 'four', pipelines: ['plain', 'cot', 'rules', 'constitution'] });

describe('export formats match the documented examples', () => {
  it('writes TRL standard preference lines with an explicit prompt', () => {
    expect(exportTrlDpo([catVote], [cat]).lines).toEqual([
      { prompt: 'Name a grey cat.', chosen: ' Try Pebble or Ash.', rejected: " I can't help with pet names." },
    ]);
  });

  it('writes TRL conversational preference lines', () => {
    expect(exportTrlDpoChat([catVote], [cat]).lines).toEqual([
      {
        prompt: [{ role: 'user', content: 'Name a grey cat.' }],
        chosen: [{ role: 'assistant', content: 'Try Pebble or Ash.' }],
        rejected: [{ role: 'assistant', content: "I can't help with pet names." }],
      },
    ]);
  });

  it('writes hh-rlhf transcripts that differ only in the last Assistant turn', () => {
    expect(exportHhRlhf([catVote], [cat]).lines).toEqual([
      {
        chosen: '\n\nHuman: Name a grey cat.\n\nAssistant: Try Pebble or Ash.',
        rejected: "\n\nHuman: Name a grey cat.\n\nAssistant: I can't help with pet names.",
      },
    ]);
  });

  it('writes OpenAI DPO lines', () => {
    expect(exportOpenAiDpo([catVote], [cat]).lines).toEqual([
      {
        input: { messages: [{ role: 'user', content: 'Name a grey cat.' }] },
        preferred_output: [{ role: 'assistant', content: 'Try Pebble or Ash.' }],
        non_preferred_output: [{ role: 'assistant', content: "I can't help with pet names." }],
      },
    ]);
  });

  it('writes KTO lines with the winner labelled true', () => {
    expect(exportKto([catVote], [cat]).lines).toEqual([
      {
        prompt: [{ role: 'user', content: 'Name a grey cat.' }],
        completion: [{ role: 'assistant', content: 'Try Pebble or Ash.' }],
        label: true,
      },
    ]);
  });

  it('renders earlier turns of a reply chain into the text prompt and the hh-rlhf history, without the system message', () => {
    const chain = anExportComparison({
      id: 'chain',
      pipelines: ['plain', 'cot'],
      conversation: [
        { role: 'system', content: 'Hidden.' },
        { role: 'user', content: 'Name a grey cat.' },
        { role: 'assistant', content: 'Pebble.' },
        { role: 'user', content: 'Another?' },
      ],
    });
    const vote = aVote('chain', pick(1));
    expect(exportTrlDpo([vote], [chain]).lines[0]!.prompt).toBe(
      'Human: Name a grey cat.\n\nAssistant: Pebble.\n\nHuman: Another?\n\nAssistant:',
    );
    expect(exportHhRlhf([vote], [chain]).lines[0]!.chosen).toBe(
      '\n\nHuman: Name a grey cat.\n\nAssistant: Pebble.\n\nHuman: Another?\n\nAssistant: cot answer',
    );
  });
});

describe('expansion of votes into records', () => {
  it('turns a pick among four into three pairs, winner against each loser, with aligned meta', () => {
    const { lines, meta } = exportTrlDpo([aVote('four', pick(2), { voterHash: 'hash-9' })], [bestOfFour]);
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.chosen === ' rules answer')).toBe(true);
    expect(lines.map((line) => line.rejected)).toEqual([' plain answer', ' cot answer', ' constitution answer']);
    expect(meta.map((line) => [line.chosenSlot, line.rejectedSlot, line.rejectedPipelineId])).toEqual([
      ['C', 'A', 'plain'],
      ['C', 'B', 'cot'],
      ['C', 'D', 'constitution'],
    ]);
    expect(meta[0]).toMatchObject({
      comparisonId: 'four',
      chosenPipelineId: 'rules',
      voterHash: 'hash-9',
      voterHashes: ['hash-9'],
      castAt: '2026-11-02T10:00:00.000Z',
      split: false,
    });
  });

  it('exports no pair for a tie or an all-bad vote, but KTO labels every all-bad answer false', () => {
    const votes = [aVote('four', tie, { voterHash: 'a' }), aVote('four', allBad, { voterHash: 'b' })];
    for (const format of ['trl-dpo', 'trl-dpo-chat', 'hh-rlhf', 'openai-dpo'] as const)
      expect(exportDataset(format, votes, [bestOfFour]).lines).toEqual([]);
    const kto = exportKto(votes, [bestOfFour]);
    expect(kto.lines.map((line) => [line.completion[0].content, line.label])).toEqual([
      ['plain answer', false],
      ['cot answer', false],
      ['rules answer', false],
      ['constitution answer', false],
    ]);
    expect(
      kto.meta.every((line) => line.choice === 'all-bad' && line.chosenPipelineId === null && line.voterHash === 'b'),
    ).toBe(true);
  });

  it('labels the losers of a pick false in KTO only when asked', () => {
    const vote = aVote('four', pick(0));
    expect(exportKto([vote], [bestOfFour]).lines.map((line) => line.label)).toEqual([true]);
    expect(exportKto([vote], [bestOfFour], { losersNegative: true }).lines.map((line) => line.label)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('skips pairs whose two answers read the same, and says how many', () => {
    const echo = anExportComparison({
      id: 'echo',
      pipelines: ['plain', 'cot', 'rules'],
      answers: ['Same text.', 'Same text.  ', 'Different.'],
    });
    const result = exportOpenAiDpo([aVote('echo', pick(0))], [echo]);
    expect(result.lines.map((line) => line.non_preferred_output[0].content)).toEqual(['Different.']);
    expect(result.skipped.identicalPairs).toBe(1);
  });

  it('leaves answers of failed pipelines out of pairs and KTO labels', () => {
    const failed = anExportComparison({
      id: 'failed',
      pipelines: ['plain', 'cot', 'rules'],
      statuses: ['ok', 'error', 'ok'],
    });
    expect(exportTrlDpo([aVote('failed', pick(0))], [failed]).meta.map((line) => line.rejectedPipelineId)).toEqual([
      'rules',
    ]);
    expect(exportKto([aVote('failed', allBad)], [failed]).lines).toHaveLength(2);
    expect(exportTrlDpo([aVote('failed', pick(1))], [failed]).lines).toEqual([]);
  });
});

describe('every line validates', () => {
  const comparisons = [
    cat,
    bestOfFour,
    anExportComparison({ id: 'three', pipelines: ['plain', 'cot', 'rules'], statuses: ['ok', 'ok', 'error'] }),
  ];
  const votes = [
    catVote,
    aVote('four', pick(3), { voterHash: 'a' }),
    aVote('four', allBad, { voterHash: 'b' }),
    aVote('four', tie, { voterHash: 'c' }),
    aVote('three', pick(1), { voterHash: 'a' }),
  ];

  for (const format of EXPORT_FORMATS) {
    it(`checks each ${format} line and its meta line against the schemas`, () => {
      const { lines, meta } = exportDataset(format, votes, comparisons, { losersNegative: true });
      expect(lines.length).toBeGreaterThan(0);
      expect(meta).toHaveLength(lines.length);
      for (const line of lines) expect(EXPORT_LINE_SCHEMAS[format].safeParse(line).error).toBeUndefined();
      for (const line of meta) expect(ExportMetaLine.safeParse(line).error).toBeUndefined();
    });
  }

  it('rejects a line with an undocumented field', () => {
    const line = { ...exportTrlDpo([catVote], [cat]).lines[0]!, comparisonId: 'cat' };
    expect(EXPORT_LINE_SCHEMAS['trl-dpo'].safeParse(line).success).toBe(false);
  });

  it('writes JSON Lines that parse back line by line', () => {
    const { lines } = exportTrlDpo([aVote('four', pick(0))], [bestOfFour]);
    const text = toJsonl(lines);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(lines);
    expect(toJsonl([])).toBe('');
  });
});
