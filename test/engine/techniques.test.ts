// Each shipped technique, run by the real engine and openai client against the fake server: which
// calls it makes, in what order, with what settings, and what the user and the trace end up with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { engineAgainst } from '../fixtures/engine-for-tests.ts';
import { kindOf, techniqueScript, userText, verdictJson } from '../fixtures/technique-script.ts';

const ask = (content: string) => [{ role: 'user' as const, content }];
let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

describe('plain', () => {
  it('answers with one call carrying the system prompt and the conversation', async () => {
    fake.respond(techniqueScript({ answer: () => 'Paris is the capital of France.' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('plain', ask('Capital of France?'));

    expect(result.status).toBe('ok');
    expect(result.answer).toBe('Paris is the capital of France.');
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(request?.system).toContain('helpful, honest assistant');
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.7, max_tokens: 800 });
    expect(result.trace).toHaveLength(1);
    expect(result.trace[0]).toMatchObject({
      step: 'answer',
      kind: 'generate',
      outputText: 'Paris is the capital of France.',
    });
    expect(result.trace[0]?.tokensOut).toBeGreaterThan(0);
    expect(result.totals.costUsd).toBeGreaterThan(0);
  });

  it('reports an unknown cost, not zero, for a model missing from the price table', async () => {
    const { engine } = await engineAgainst(fake, { OPENAI_MODEL: 'llama3.1:8b' });
    const result = await engine.run('plain', ask('hi'));
    expect(result.totals.costUsd).toBeNull();
  });
});

describe('cot', () => {
  it('reasons step by step at temperature 0, then extracts a short answer the user sees', async () => {
    fake.respond(techniqueScript({ reasoning: '1. 17 + 25 = 42.\nSo the answer is 42.', extracted: 'It is 42.' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('cot', ask('What is 17 + 25?'));

    expect(fake.requests.map(kindOf)).toEqual(['reason', 'extract']);
    expect(fake.requests.map((request) => request.body.temperature)).toEqual([0, 0]);
    expect(fake.requests[1]?.system).toContain('So the answer is 42.');
    expect(result.answer).toBe('It is 42.');
    expect(result.trace.map((step) => [step.step, step.kind])).toEqual([
      ['reason', 'generate'],
      ['answer', 'extract'],
    ]);
    expect(result.trace[0]?.outputText).toContain('17 + 25 = 42');
    expect(result.trace[1]?.note).toBeUndefined();
  });

  it('flags an answer that contradicts the reasoning', async () => {
    fake.respond(techniqueScript({ reasoning: 'So the answer is 42.', extracted: 'It is 41.' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('cot', ask('What is 17 + 25?'));
    expect(result.trace[1]?.note).toContain('contradict');
  });
});

describe('rules', () => {
  const candidates = ['kind answer one', 'rude answer two', 'kind answer three', 'kind answer four'];

  it('samples 4 candidates, judges each against every rule, drops violators and keeps the best', async () => {
    let sampled = 0;
    fake.respond(
      techniqueScript({
        answer: () => candidates[sampled++] ?? 'extra',
        verdict: (candidate) =>
          candidate.includes('rude')
            ? verdictJson(['H3'])
            : verdictJson([], { sensible: 0.9, specific: candidate.includes('three') ? 1 : 0.5, interesting: 0.5 }),
      }),
    );
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('rules', ask('Tell me about cats'));

    const kinds = fake.requests.map(kindOf);
    expect(kinds.filter((kind) => kind === 'answer')).toHaveLength(4);
    expect(kinds.filter((kind) => kind === 'judge')).toHaveLength(4);
    expect(kinds.slice(0, 4).every((kind) => kind === 'answer')).toBe(true);
    expect(
      fake.requests
        .filter((request) => kindOf(request) === 'answer')
        .every((request) => request.body.temperature === 0.9),
    ).toBe(true);
    const judge = fake.requests.find((request) => kindOf(request) === 'judge');
    expect(judge?.user).toContain('S1 (filter)');
    expect(judge?.user).toContain('P4 (rank)');
    expect(judge?.body.response_format).toMatchObject({ type: 'json_schema' });

    expect(result.answer).toBe('kind answer three');
    const notes = result.trace.filter((step) => step.kind === 'judge').map((step) => step.note ?? '');
    expect(notes.some((note) => note.includes('dropped: violates H3'))).toBe(true);
    expect(notes.some((note) => note.includes('chosen'))).toBe(true);
  });

  it('rewrites the least bad candidate under the broken rules when every candidate violates one', async () => {
    fake.respond(
      techniqueScript({ verdict: () => verdictJson(['M4']), rewrite: 'Please see a doctor; here is general info.' }),
    );
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('rules', ask('What dose should I take?'));

    const rewrite = fake.requests.find((request) => kindOf(request) === 'rewrite');
    expect(rewrite?.user).toContain('M4: For a personal medical, legal or financial decision');
    expect(rewrite?.body.temperature).toBe(0.3);
    expect(result.answer).toBe('Please see a doctor; here is general info.');
    expect(result.trace.at(-1)).toMatchObject({ kind: 'rewrite' });
  });

  it('retries malformed judge output once with the problem, then counts it as a failure, never a pass', async () => {
    let sampled = 0;
    fake.respond(
      techniqueScript({
        answer: () => `candidate ${++sampled}`,
        // Candidate 1's judge always answers prose; the others are clean but candidate 1 would score best.
        verdict: (candidate) =>
          candidate === 'candidate 1'
            ? 'Looks fine to me!'
            : verdictJson([], { sensible: 0.5, specific: 0.5, interesting: 0.5 }),
      }),
    );
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('rules', ask('hello'));

    const retries = fake.requests.filter(
      (request) => kindOf(request) === 'judge' && userText(request).includes('<reply>\ncandidate 1\n</reply>'),
    );
    expect(retries).toHaveLength(2);
    expect(retries[1]?.messages.at(-1)?.content).toContain('could not be used: no JSON object found');
    expect(result.answer).not.toBe('candidate 1');
    const failed = result.trace.filter((step) => step.step.startsWith('filter.candidate1'));
    expect(failed.at(-1)?.error).toContain('judge_error');
  });

  it('reports an error in its slot when the judge is unusable for every candidate', async () => {
    fake.respond(techniqueScript({ verdict: () => '{"verdicts": "nope"}' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('rules', ask('hello'));
    expect(result.status).toBe('error');
    expect(result.failure?.message).toBe('The rule judge gave unusable verdicts for every candidate.');
  });
});

describe('constitution', () => {
  it('drafts, critiques against two different principles, and revises only when the critique finds a problem', async () => {
    fake.respond(
      techniqueScript({
        answer: () => 'first draft',
        critique: (round) =>
          JSON.stringify(
            round === 1 ? { problems: ['too preachy'], needs_revision: true } : { problems: [], needs_revision: false },
          ),
        revision: () => 'revised draft',
      }),
    );
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('constitution', ask('Is coffee bad?'));

    expect(fake.requests.map(kindOf)).toEqual(['answer', 'critique', 'revise', 'critique']);
    expect(fake.requests[1]?.user).toContain('first draft');
    expect(fake.requests[2]?.user).toContain('- too preachy');
    expect(fake.requests[3]?.user).toContain('revised draft');
    expect(fake.requests[1]?.body.temperature).toBe(0);
    expect(fake.requests[2]?.body.temperature).toBe(0.3);
    expect(result.answer).toBe('revised draft');

    const principles = result.trace
      .filter((step) => step.kind === 'critique')
      .map((step) => /principle: ([a-z-]+)/.exec(step.note ?? '')?.[1]);
    expect(principles).toHaveLength(2);
    expect(new Set(principles).size).toBe(2);
    expect(result.trace.at(-1)?.note).toContain('skipped revision');
  });

  it('keeps the draft when a critique is unusable, and records why', async () => {
    fake.respond(techniqueScript({ answer: () => 'the draft', critique: () => 'I have thoughts but no JSON' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('constitution', ask('hi'));
    expect(result.status).toBe('ok');
    expect(result.answer).toBe('the draft');
    expect(result.trace.filter((step) => step.note?.includes('judge_error'))).toHaveLength(2);
  });
});

describe('best-of-n', () => {
  it('scores 4 samples and keeps the highest-scored one', async () => {
    let sampled = 0;
    fake.respond(
      techniqueScript({
        answer: () => `sample ${++sampled}`,
        score: (candidate) => JSON.stringify({ score: candidate === 'sample 3' ? 9 : 5, reasons: 'ok' }),
      }),
    );
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('best-of-n', ask('hi'));
    expect(fake.requests.map(kindOf).filter((kind) => kind === 'score')).toHaveLength(4);
    expect(result.answer).toBe('sample 3');
  });

  it('breaks a tie with a pairwise call in both orders and keeps the winner both orders agree on', async () => {
    let sampled = 0;
    fake.respond(
      techniqueScript({
        answer: () => `sample ${++sampled}`,
        score: (candidate) =>
          JSON.stringify({ score: candidate === 'sample 1' || candidate === 'sample 2' ? 8 : 3, reasons: '' }),
        // The judge prefers "sample 2" wherever it is placed.
        pairwise: (request) =>
          JSON.stringify({ winner: request.user.split('(B)')[1]?.includes('sample 2') ? 'B' : 'A', reasons: '' }),
      }),
    );
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('best-of-n', ask('hi'));
    expect(fake.requests.map(kindOf).filter((kind) => kind === 'pairwise')).toHaveLength(2);
    expect(result.answer).toBe('sample 2');
  });
});

describe('self-consistency', () => {
  it('samples 5 reasoning paths and keeps the answer most of them reach, extracting it where a path has no final line', async () => {
    const paths = [
      '6 × 7... Final answer: 42',
      'Final answer: 41',
      'It is forty-two, so 42.',
      'so... Final answer: **42**.',
      'Final answer: 42',
    ];
    let sampled = 0;
    fake.respond(techniqueScript({ answer: () => paths[sampled++] ?? '', extracted: '42' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('self-consistency', ask('What is 6 × 7?'));

    const kinds = fake.requests.map(kindOf);
    expect(kinds.filter((kind) => kind === 'answer')).toHaveLength(5);
    expect(kinds.filter((kind) => kind === 'extract')).toHaveLength(1); // only the path without a final line
    expect(
      fake.requests
        .filter((request) => kindOf(request) === 'answer')
        .every((request) => request.body.temperature === 0.7),
    ).toBe(true);
    expect(result.answer).toBe('6 × 7... Final answer: 42');
    const vote = result.trace.find((step) => step.kind === 'vote');
    expect(vote?.outputText).toBe('"42" ×4, "41" ×1');
    expect(vote?.note).toContain('agreement 80%');
  });

  it('marks a tie and keeps the first-sampled answer', async () => {
    const paths = ['Final answer: B', 'Final answer: A', 'Final answer: A', 'Final answer: B', 'Final answer: C'];
    let sampled = 0;
    fake.respond(techniqueScript({ answer: () => paths[sampled++] ?? '' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('self-consistency', ask('Pick one'));
    expect(result.answer).toBe('Final answer: B');
    expect(result.trace.find((step) => step.kind === 'vote')?.note).toContain('tie');
  });
});

describe('few-shot', () => {
  it('puts the task definition in the system prompt and demos as earlier turns, matching demo tags first', async () => {
    const { engine } = await engineAgainst(fake);
    const result = await engine.run(
      'few-shot',
      ask('Help with this math problem: 3 pens cost $6, what does one cost?'),
    );
    const [request] = fake.requests;
    expect(request?.system).toContain('Task: answer the user');
    expect(request?.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(request?.messages[1]?.content).toContain('A shirt costs $40');
    expect(result.trace[0]?.note).toContain('demos: math-steps');
  });
});
