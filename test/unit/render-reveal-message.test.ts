// After the reveal: each slot names its pipeline with figures and steps, within Discord's limits, and
// one slot's whole trace comes inline or, when long, as an attached Markdown file.
import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { PipelineResult, StepTrace } from '../../src/engine/trace.ts';
import { totalsOf } from '../../src/engine/trace.ts';
import { decodeCustomId } from '../../src/render/discord/custom-id.ts';
import { renderReveal, renderSlotTrace, type RevealSlot } from '../../src/render/discord/reveal-message.ts';

function aStep(step: string, overrides: Partial<StepTrace> = {}): StepTrace {
  return {
    step,
    kind: 'generate',
    model: 'small-model',
    params: { temperature: 0.7 },
    inputMessages: [{ role: 'user', content: 'What is a good name for a grey cat?' }],
    outputText: `Output of ${step}.`,
    tokensIn: 100,
    tokensOut: 50,
    latencyMs: 1200,
    costUsd: 0.0002,
    ...overrides,
  };
}

function aSlot(
  letter: string,
  pipelineId: string,
  label: string,
  trace: StepTrace[],
  overrides: Partial<PipelineResult> = {},
): RevealSlot {
  const result: PipelineResult = {
    pipelineId,
    label,
    status: 'ok',
    answer: 'Pebble.',
    trace,
    totals: totalsOf(trace, 2100),
    ...overrides,
  };
  return { letter, pipelineId, label, result };
}

const cot = aSlot('A', 'cot', 'Chain of thought', [
  aStep('reason'),
  aStep('answer', { kind: 'extract', costUsd: null }),
]);
const rules = aSlot('B', 'rules', 'Rule-filtered', [
  aStep('candidates#1'),
  aStep('filter.candidate1', {
    kind: 'judge',
    note: 'dropped: violates H3',
    parsedJson: {
      verdicts: [
        { rule: 'H3', violated: true, confidence: 0.9, evidence: 'mocks' },
        { rule: 'S1', violated: false, confidence: 0.1 },
      ],
      quality: { sensible: 0.8, specific: 0.5, interesting: 0.4 },
    },
  }),
]);
const constitution = aSlot('C', 'constitution', 'Constitutional critique', [
  aStep('draft'),
  aStep('review.round1.critique', {
    kind: 'critique',
    note: 'principle: not-preachy; skipped revision: critique found nothing to fix',
    parsedJson: { problems: ['Lectures the user about pet ownership'], needs_revision: true },
  }),
]);
const failed = aSlot('D', 'best-of-n', 'Best of 4 (judge)', [aStep('candidates#1', { error: 'timed out' })], {
  status: 'error',
  answer: null,
  failure: { kind: 'timeout', message: 'The model took too long.', retryable: true },
});

const embedTotal = (embeds: APIEmbed[]) =>
  embeds.reduce((sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0), 0);
const longTrace = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    aStep(`filter.candidate${index + 1}`, {
      kind: 'judge',
      note: `dropped: violates H${index % 9}; ${'because '.repeat(30)}`,
      outputText: 'long output '.repeat(400),
    }),
  );

describe('renderReveal', () => {
  it('names the pipeline behind each letter with its figures, unknown cost as "?"', () => {
    const payload = renderReveal([cot, rules, constitution, failed], {
      comparisonId: 'cmp1',
      votedFor: null,
      leaks: [],
    });
    expect(payload.embeds.map((embed) => embed.title)).toEqual([
      'A · Chain of thought (cot)',
      'B · Rule-filtered (rules)',
      'C · Constitutional critique (constitution)',
      'D · Best of 4 (judge) (best-of-n)',
    ]);
    expect(payload.embeds[0]?.description).toContain('2.1 s · 2 calls · 300 tok · $?');
    expect(payload.embeds[3]?.description).toContain('⚠️ error: The model took too long.');
  });

  it('lists each step with its kind and note', () => {
    const payload = renderReveal([rules, constitution], { comparisonId: 'cmp1', votedFor: null, leaks: [] });
    expect(payload.embeds[0]?.description).toContain('`filter.candidate1` judge: dropped: violates H3');
    expect(payload.embeds[1]?.description).toContain('skipped revision');
  });

  it('offers the steps of every slot that ran, by slot', () => {
    const payload = renderReveal([cot, rules], { comparisonId: 'cmp1', votedFor: null, leaks: [] });
    const buttons = payload.components.flatMap((row) => row.components);
    expect(buttons.map((button) => ('label' in button ? button.label : ''))).toEqual(['Steps of A', 'Steps of B']);
    expect(buttons.map((button) => ('custom_id' in button ? decodeCustomId(button.custom_id) : null))).toEqual([
      { action: 'reasoning', comparisonId: 'cmp1', slot: 0 },
      { action: 'reasoning', comparisonId: 'cmp1', slot: 1 },
    ]);
  });

  it('reminds the viewer of their vote, or that a vote now is flagged', () => {
    expect(renderReveal([cot, rules], { comparisonId: 'cmp1', votedFor: 'B', leaks: [] }).content).toContain(
      'You voted for **B**: Rule-filtered.',
    );
    expect(renderReveal([cot, rules], { comparisonId: 'cmp1', votedFor: null, leaks: [] }).content).toContain(
      'flagged',
    );
  });

  it('fits four long traces into one message and says how many steps were left out', () => {
    const slots = ['A', 'B', 'C', 'D'].map((letter) => aSlot(letter, 'rules', 'Rule-filtered', longTrace(40)));
    const payload = renderReveal(slots, { comparisonId: 'cmp1', votedFor: null, leaks: [] });
    expect(embedTotal(payload.embeds)).toBeLessThanOrEqual(6000);
    for (const embed of payload.embeds) {
      expect(embed.description?.length).toBeLessThanOrEqual(4096);
      expect(embed.description).toMatch(/…and \d+ more \(see Steps of [A-D]\)$/);
    }
  });
});

describe('renderSlotTrace', () => {
  it('shows a short trace inline with rule verdicts and critique problems', () => {
    const withRules = renderSlotTrace(rules);
    expect(withRules.files).toBeUndefined();
    expect(withRules.embeds?.[0]?.description).toContain('verdict: violated: H3 (0.90) · quality: sensible 0.80');
    expect(withRules.embeds?.[0]?.description).toContain('judge · small-model · 100+50 tok · 1.2 s · $0.00020');
    const withCritique = renderSlotTrace(constitution).embeds?.[0]?.description;
    expect(withCritique).toContain('critique: problems: Lectures the user about pet ownership · revision needed');
  });

  it('shows long reasoning inline as far as it fits and attaches it in full', () => {
    const reasoning = Array.from(
      { length: 100 },
      (_, index) => `Step ${index}: the cat is grey, so grey names fit.`,
    ).join('\n');
    const reply = renderSlotTrace(
      aSlot('A', 'cot', 'Chain of thought', [
        aStep('reason', { outputText: reasoning }),
        aStep('answer', { kind: 'extract' }),
      ]),
    );
    const description = reply.embeds?.[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toContain('> Step 0: the cat is grey, so grey names fit.\n> Step 1:');
    expect(description).toContain('> Output of answer.');
    expect(description.length).toBeGreaterThan(3000);
    expect(reply.files?.[0]?.name).toBe('trace-A-cot.md');
    expect(reply.files?.[0]?.data.toString('utf8')).toContain(reasoning);
  });

  it('attaches a long trace as a Markdown file holding every output in full', () => {
    const slot = aSlot('B', 'rules', 'Rule-filtered', longTrace(12));
    const reply = renderSlotTrace(slot);
    expect(reply.content?.length).toBeLessThanOrEqual(2000);
    expect(reply.content).toContain('trace-B-rules.md');
    expect(reply.files?.map((file) => file.name)).toEqual(['trace-B-rules.md']);
    const document = reply.files?.[0]?.data.toString('utf8') ?? '';
    expect(document.split('long output '.repeat(400).trimEnd()).length - 1).toBe(12);
    expect(document).toContain('### 12. filter.candidate12');
  });

  it('keeps model text that contains code fences inside its own block in the file', () => {
    const output = 'Here:\n```js\nconsole.log(1)\n```\n'.repeat(200);
    const reply = renderSlotTrace(aSlot('A', 'cot', 'Chain of thought', [aStep('reason', { outputText: output })]));
    const document = reply.files?.[0]?.data.toString('utf8') ?? '';
    expect(document).toContain(`\`\`\`\`\n${output}\n\`\`\`\``);
  });

  it('says a slot is still running when it has no result yet', () => {
    expect(
      renderSlotTrace({ letter: 'C', pipelineId: 'cot', label: 'Chain of thought', result: null }).content,
    ).toContain('still running');
  });
});
