// Arms as typed and plans as written: every mistake a researcher can make gets a message that says what and where,
// and a frozen plan hashes the same whatever order its keys were written in.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/base/user-error.ts';
import { armLabel, parseArm, parseArmList } from '../../../src/records/experiments/arm.ts';
import { freezePlan, parsePlan, type ExperimentPlan } from '../../../src/records/experiments/experiment-plan.ts';
import { nextPair } from '../../../src/records/experiments/next-pair.ts';
import type { PipelineResult } from '../../../src/engine/trace.ts';
import { armSlots } from '../../../src/bot/experiments/experiment-compare.ts';

const PIPELINES = ['plain', 'cot', 'rules'];

const plan = (change: Partial<Record<keyof ExperimentPlan, unknown>> = {}) => ({
  name: 'cot on maths',
  hypothesis: 'Chain-of-thought wins on maths prompts',
  arms: ['cot', 'plain'],
  primary: { a: 'cot', b: 'plain' },
  category: null,
  minimumEffect: 0.1,
  alpha: 0.05,
  power: 0.8,
  voteCap: null,
  ...change,
});

const messageOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('arms', () => {
  it('reads a pipeline, a model and a transform, and writes them back canonically', () => {
    expect(parseArm('cot')).toEqual({ pipelineId: 'cot' });
    expect(parseArm(' CoT @ gpt-4o-mini ')).toEqual({ pipelineId: 'cot', model: 'gpt-4o-mini' });
    expect(parseArm('cot|plain-text')).toEqual({ pipelineId: 'cot', transform: 'plain-text' });
    expect(parseArm('cot@gpt-4o|final-only')).toEqual({ pipelineId: 'cot', model: 'gpt-4o', transform: 'final-only' });
    expect(armLabel(parseArm('Cot @ gpt-4o | Plain-Text'))).toBe('cot@gpt-4o|plain-text');
    expect(parseArmList('cot, cot|plain-text , plain')).toEqual(['cot', 'cot|plain-text', 'plain']);
  });

  it('explains a malformed arm', () => {
    expect(messageOf(() => parseArm('cot|bold'))).toMatch(/no transform “bold”.*`plain-text`.*`final-only`/);
    expect(messageOf(() => parseArm('cot|plain-text|final-only'))).toMatch(/more than one `\|`/);
    expect(messageOf(() => parseArm('cot@'))).toMatch(/no model name after `@`/);
    expect(messageOf(() => parseArm('@gpt-4o'))).toMatch(/does not start with a pipeline/);
    expect(messageOf(() => parseArmList('cot, COT'))).toMatch(/`cot` is listed twice/);
  });
});

describe('plan', () => {
  it('accepts a complete plan', () => {
    expect(parsePlan(plan(), PIPELINES).arms).toEqual(['cot', 'plain']);
  });

  it('needs two or more arms, each well formed', () => {
    expect(messageOf(() => parsePlan(plan({ arms: ['cot'], primary: { a: 'cot', b: 'cot' } }), PIPELINES))).toMatch(
      /plan: arms: needs at least 2 items/,
    );
    expect(messageOf(() => parsePlan(plan({ arms: ['cot', 'plain|shout'] }), PIPELINES))).toMatch(
      /plan: arms\[1\]: .*no transform “shout”/,
    );
  });

  it('names an arm whose pipeline does not exist', () => {
    const message = messageOf(() =>
      parsePlan(plan({ arms: ['cot', 'tree-of-thought'], primary: { a: 'cot', b: 'tree-of-thought' } }), PIPELINES),
    );
    expect(message).toMatch(/arm `tree-of-thought` names no pipeline\. Pipelines: plain, cot, rules/);
  });

  it('refuses α, power and effect out of range, and a primary comparison outside the arms', () => {
    expect(messageOf(() => parsePlan(plan({ alpha: 0.5 }), PIPELINES))).toMatch(
      /plan: alpha: must be at most 0.2 \(got 0.5\)/,
    );
    expect(messageOf(() => parsePlan(plan({ alpha: 0 }), PIPELINES))).toMatch(/plan: alpha:/);
    expect(messageOf(() => parsePlan(plan({ power: 1.2 }), PIPELINES))).toMatch(/plan: power: must be at most 0.99/);
    expect(messageOf(() => parsePlan(plan({ minimumEffect: 0.7 }), PIPELINES))).toMatch(/plan: minimumEffect/);
    expect(messageOf(() => parsePlan(plan({ primary: { a: 'cot', b: 'rules' } }), PIPELINES))).toMatch(
      /plan: primary\.b: rules is not one of the arms \(cot, plain\)/,
    );
  });

  it('hashes the canonical plan: key order does not matter, any change does', () => {
    const parsed = parsePlan(plan(), PIPELINES);
    const reordered = Object.fromEntries(Object.entries(parsed).reverse()) as ExperimentPlan;
    expect(freezePlan(reordered)).toEqual(freezePlan(parsed));
    expect(freezePlan(parsed).hash).toMatch(/^[0-9a-f]{64}$/);
    expect(freezePlan({ ...parsed, alpha: 0.01 }).hash).not.toBe(freezePlan(parsed).hash);
    expect(JSON.parse(freezePlan(parsed).json)).toEqual(parsed);
  });
});

describe('next pair', () => {
  it('shows the pair with the fewest comparisons, the primary pair first among equals', () => {
    const base = parsePlan(plan({ arms: ['plain', 'cot', 'rules'], primary: { a: 'cot', b: 'rules' } }), PIPELINES);
    expect(nextPair({ plan: base, comparisons: [] })).toEqual([1, 2]);
    const shown = (arms: number[]) => ({ comparisonId: arms.join(''), arms });
    expect(nextPair({ plan: base, comparisons: [shown([2, 1])] })).toEqual([0, 1]);
    expect(nextPair({ plan: base, comparisons: [shown([2, 1]), shown([0, 1])] })).toEqual([0, 2]);
    expect(nextPair({ plan: base, comparisons: [shown([2, 1]), shown([0, 1]), shown([2, 0])] })).toEqual([1, 2]);
  });
});

describe('arm slots', () => {
  it('runs a pipeline once for two arms that differ only in presentation, and re-presents one of them', () => {
    const { runs, slots } = armSlots([parseArm('cot|plain-text'), parseArm('cot'), parseArm('cot@gpt-4o')]);
    expect(runs).toEqual([{ pipelineId: 'cot' }, { pipelineId: 'cot', model: 'gpt-4o' }]);
    expect(slots.map((slot) => slot.run)).toEqual([0, 0, 1]);
    const answer = '## Answer\n\n**Blue**, because of Rayleigh scattering.';
    const result = { pipelineId: 'cot', label: 'cot', status: 'ok', answer, trace: [] } as unknown as PipelineResult;
    expect(slots[0]?.present?.(answer, result)).toBe('Answer\n\nBlue, because of Rayleigh scattering.');
    expect(slots[1]?.present).toBeUndefined();
  });
});
