// Several pipelines at once: they run concurrently, report progress, and one failing, hanging or
// cancelled pipeline never takes the others down.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crossRuns } from '../../src/engine/cross-runs.ts';
import type { EngineEvent } from '../../src/engine/events.ts';
import { UserError } from '../../src/base/user-error.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { engineAgainst } from '../fixtures/engine-for-tests.ts';
import { kindOf, techniqueScript } from '../fixtures/technique-script.ts';

const ask = (content: string) => [{ role: 'user' as const, content }];
const FOUR = ['plain', 'cot', 'rules', 'constitution'];
let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

describe('compare', () => {
  it('returns one ok result per pipeline, in the order asked, with progress events for each', async () => {
    fake.respond(techniqueScript());
    const { engine } = await engineAgainst(fake);
    const events: EngineEvent[] = [];
    const results = await engine.compare(crossRuns(FOUR), ask('What is 2 + 2?'), {
      onEvent: (event) => events.push(event),
    });

    expect(results.map((result) => [result.pipelineId, result.status])).toEqual(FOUR.map((id) => [id, 'ok']));
    for (const id of FOUR) {
      expect(events.filter((event) => event.type === 'pipeline-start' && event.pipelineId === id)).toHaveLength(1);
      expect(events.some((event) => event.type === 'step-end' && event.pipelineId === id)).toBe(true);
    }
    expect(events.some((event) => event.type === 'text-delta')).toBe(true);
    expect(events.filter((event) => event.type === 'pipeline-end')).toHaveLength(4);
  });

  it('runs pipelines concurrently: every pipeline has a call in flight before any answer arrives', async () => {
    const script = techniqueScript();
    fake.respond((request, index) => ({ ...script(request, index), delayMs: 150 }));
    const { engine } = await engineAgainst(fake);
    await engine.compare(crossRuns(FOUR), ask('hi'));
    // plain 1 + cot 1 + rules 4 samples + constitution 1 draft start together.
    expect(fake.peakInFlight).toBeGreaterThanOrEqual(7);
  });

  it('keeps the other answers when one pipeline’s model calls fail, and says why in its slot', async () => {
    const script = techniqueScript();
    fake.respond((request, index) => (kindOf(request) === 'reason' ? { status: 500 } : script(request, index)));
    const { engine } = await engineAgainst(fake);
    const results = await engine.compare(crossRuns(FOUR), ask('hi'));

    const byId = new Map(results.map((result) => [result.pipelineId, result]));
    expect(byId.get('cot')).toMatchObject({ status: 'error', answer: null, failure: { kind: 'server' } });
    expect(byId.get('cot')?.failure?.message).not.toMatch(/sk-test-secret/);
    for (const id of ['plain', 'rules', 'constitution']) expect(byId.get(id)?.status).toBe('ok');
  });

  it('stops a pipeline that outlasts its time budget and shows a timeout for it alone', async () => {
    const script = techniqueScript();
    fake.respond((request, index) => (kindOf(request) === 'critique' ? { hang: true } : script(request, index)));
    const { engine } = await engineAgainst(fake, { PIPELINE_TIMEOUT_MS: '400', LLM_TIMEOUT_MS: '5000' });
    const results = await engine.compare(crossRuns(['plain', 'constitution']), ask('hi'));

    expect(results[0]?.status).toBe('ok');
    expect(results[1]).toMatchObject({ status: 'error', failure: { kind: 'timeout' } });
    expect(results[1]?.failure?.message).toContain('took longer than');
    expect(results[1]?.trace[0]?.outputText).toBeTruthy(); // the draft made before the hang is kept in the trace
  });

  it('cancels every running pipeline when asked', async () => {
    fake.respond(() => ({ hang: true }));
    const { engine } = await engineAgainst(fake);
    const controller = new AbortController();
    const running = engine.compare(crossRuns(['plain', 'cot']), ask('hi'), { signal: controller.signal });
    await fake.waitForRequests(2);
    controller.abort();
    const results = await running;
    expect(results.map((result) => result.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('crossed with models, runs each pipeline once per model on that model, and names the run of every event', async () => {
    fake.respond(techniqueScript());
    const { engine } = await engineAgainst(fake);
    const runs = crossRuns(['plain', 'cot'], ['model-one', 'model-two']);
    expect(runs).toEqual([
      { pipelineId: 'plain', model: 'model-one' },
      { pipelineId: 'plain', model: 'model-two' },
      { pipelineId: 'cot', model: 'model-one' },
      { pipelineId: 'cot', model: 'model-two' },
    ]);
    const ended: Array<[number, string]> = [];
    const results = await engine.compare(runs, ask('hi'), {
      onEvent: (event, run) => {
        if (event.type === 'pipeline-end') ended.push([run, event.result.pipelineId]);
      },
    });

    expect(results.map((result) => [result.pipelineId, result.status, result.trace.map((step) => step.model)])).toEqual(
      [
        ['plain', 'ok', ['model-one']],
        ['plain', 'ok', ['model-two']],
        ['cot', 'ok', ['model-one', 'model-one']],
        ['cot', 'ok', ['model-two', 'model-two']],
      ],
    );
    expect(ended.sort()).toEqual([
      [0, 'plain'],
      [1, 'plain'],
      [2, 'cot'],
      [3, 'cot'],
    ]);
    expect(new Set(results.map((result) => result.version)).size).toBe(4); // the model is part of a version
  });

  it('lets a run’s own model win over the server’s model override, and keeps the override for runs without one', async () => {
    fake.respond(techniqueScript());
    const { engine } = await engineAgainst(fake);
    const results = await engine.compare(
      [{ pipelineId: 'plain', model: 'model-one' }, { pipelineId: 'plain' }],
      ask('hi'),
      { modelOverrides: { plain: 'server-choice' } },
    );
    expect(results.map((result) => result.trace.map((step) => step.model))).toEqual([['model-one'], ['server-choice']]);
  });

  it('refuses an unknown pipeline before calling any model', async () => {
    const { engine } = await engineAgainst(fake);
    expect(() => engine.compare(crossRuns(['plain', 'nope']), ask('hi'))).toThrow(UserError);
    expect(() => engine.compare(crossRuns(['plain', 'nope']), ask('hi'))).toThrow(
      'There is no pipeline called "nope". Available:',
    );
    expect(fake.requests).toHaveLength(0);
  });
});
