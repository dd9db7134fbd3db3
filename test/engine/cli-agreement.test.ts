// `npm run agreement` as a researcher runs it: a real process reading votes from a real store and asking the
// judge (the fake OpenAI server, scripted per question) in both answer orders. The figures match values worked
// out by hand from the script below.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../src/eval/agreement/agreement-report.ts';
import { createComparisonStore } from '../../src/records/comparisons/comparison-store.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { VoteChoice } from '../../src/records/votes/vote.ts';
import { createVoteLedger } from '../../src/records/votes/vote-ledger.ts';
import { type FakeOpenAI, type RecordedRequest, startFakeOpenAI } from '../fakes/openai-server.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { aComparison, pick, tie } from '../fixtures/vote-builders.ts';

let workDir: string;
let judge: FakeOpenAI;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cli-agreement-'));
  judge = await startFakeOpenAI();
});
afterEach(async () => {
  await judge.close();
  await rm(workDir, { recursive: true, force: true });
});

const agreementCli = (args: string[]) =>
  runCli('agreement', args, {
    env: {
      DATA_DIR: path.join(workDir, 'data'),
      PROMPTS_DIR: path.resolve('prompts'),
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: judge.baseURL,
      JUDGE_MODEL: 'judge-model',
      LLM_MAX_RETRIES: '0',
    },
    cwd: workDir,
  });

type Votes = [voter: string, choice: VoteChoice, afterReveal?: boolean][];

async function seed(comparisons: { id: string; answers: string[]; votes: Votes }[]) {
  const store = await openStore({ dataDir: path.join(workDir, 'data') });
  const comparisonStore = createComparisonStore(store);
  const ledger = createVoteLedger(store);
  for (const { id, answers, votes } of comparisons) {
    await comparisonStore.save(
      aComparison({
        id,
        pipelines: ['plain', 'cot', 'rules'].slice(0, answers.length),
        answers,
        conversation: [{ role: 'user', content: `Name a ${id}.` }],
      }),
    );
    for (const [voter, choice, afterReveal] of votes) {
      await ledger.applyReaction(
        {
          comparisonId: id,
          voterHash: voter,
          choice,
          guildId: 'guild-1',
          afterReveal: afterReveal ?? false,
          at: new Date('2026-11-10T10:00:00Z'),
        },
        'add',
      );
    }
  }
  await store.close();
}

/** The judge's answers as shown: letter → first line of the answer. */
function shown(request: RecordedRequest): Map<string, string> {
  return new Map(
    [...request.messages[0]!.content.matchAll(/\[Answer ([A-D])\]\n([^\n]*)/g)].map((match) => [match[2]!, match[1]!]),
  );
}

/** Per question: the answer text the judge prefers, 'first' (whatever is shown first: position bias) or 'junk'. */
const JUDGE_PREFERS: Record<string, string> = {
  cat: 'Ash.',
  dog: 'Biscuit.',
  fish: 'first',
  bird: 'Kiwi.',
  frog: 'junk',
  owl: 'Luna.',
};

function scriptedJudge(request: RecordedRequest) {
  const question = /Name a (\w+)\./.exec(request.messages[0]!.content)![1]!;
  const prefers = JUDGE_PREFERS[question]!;
  // The owl's judge misformats its first reply and complies when told what was wrong.
  if (prefers === 'junk' || (question === 'owl' && request.messages.length === 1))
    return { text: 'I think the second one is nicer.' };
  const letter = prefers === 'first' ? 'A' : shown(request).get(prefers)!;
  return { text: JSON.stringify({ verdict: letter, reason: 'scripted' }) };
}

describe('npm run agreement', () => {
  it('reports agreement with the human majority with and without ties, beside MT-Bench’s published figures', async () => {
    await seed([
      {
        id: 'cat',
        answers: ['Pebble.', 'Ash.', 'No.'],
        votes: [
          ['a', pick(1)],
          ['b', pick(1)],
          ['c', pick(0)],
        ],
      }, // humans B, judge B: agree
      { id: 'dog', answers: ['Rex.', 'Biscuit.'], votes: [['a', pick(0)]] }, // humans A, judge B: disagree
      { id: 'fish', answers: ['Bubbles.', 'Finn.'], votes: [['a', tie]] }, // humans tie, judge flips with the order → tie: agree with ties
      {
        id: 'bird',
        answers: ['Tweety.', 'Kiwi.'],
        votes: [
          ['a', pick(0)],
          ['b', pick(1)],
        ],
      }, // humans split → tie, judge B: disagree with ties
      { id: 'frog', answers: ['Hopper.', 'Lily.'], votes: [['a', pick(0)]] }, // judge never answers JSON: left out
      { id: 'owl', answers: ['Hoot.', 'Sage.', 'Luna.'], votes: [['a', pick(2)]] }, // judge C after one retry: agree
      { id: 'cow', answers: ['Daisy.', 'Bella.'], votes: [['a', pick(0), true]] }, // only a vote after reveal: no human label
    ]);
    judge.respond(scriptedJudge);
    const out = path.join(workDir, 'agreement.json');
    const { code, stdout, stderr } = await agreementCli(['--json', out, '--concurrency', '2']);
    expect(stderr).not.toContain('Error');
    expect(code).toBe(0);

    // With ties: cat, fish and owl of the five judged agree → 3/5; Wilson 95% [23.1%, 88.2%].
    // Without ties: cat, dog and owl have picks on both sides, cat and owl agree → 2/3; Wilson [20.8%, 93.9%].
    expect(stdout).toContain('Judge–human agreement on 6 voted comparisons');
    expect(stdout).toMatch(
      /judge-model vs human majority\s+60\.0% \[23\.1%–88\.2%\] \(3\/5\)\s+66\.7% \[20\.8%–93\.9%\] \(2\/3\)/,
    );
    expect(stdout).toMatch(/published reference: MT-Bench.*\s+66\.0%\s+85\.0%/);
    expect(stdout).toContain(
      'Order flips counted as ties: 1. Left out, no usable judge reply in one order or both: 1.',
    );

    const report = JSON.parse(await readFile(out, 'utf8')) as AgreementReport;
    expect(report.withTies).toMatchObject({ agree: 3, total: 5 });
    expect(report.withoutTies).toMatchObject({ agree: 2, total: 3 });
    expect(report.published).toMatchObject({ withTies: 0.66, withoutTies: 0.85 });
    // Kept where technique cards read it, with the figures per pipeline version beside the overall ones.
    expect(JSON.parse(await readFile(path.join(workDir, 'eval-results', 'agreement.json'), 'utf8'))).toEqual(report);
    expect(report.byPipeline.reduce((sum, entry) => sum + entry.comparisons, 0)).toBeGreaterThanOrEqual(5);
    expect(stdout).toMatch(/\n {2}where \S+ answered\s+\d+\.\d%/);
    expect(new Set(judge.requests.map((request) => request.model))).toEqual(new Set(['judge-model']));
    // Two orders per comparison, one retry each for the owl, one for each frog call.
    expect(judge.requests).toHaveLength(6 * 2 + 2 + 2);
  }, 40_000);

  it('judges at most --limit comparisons and exits 2 with the usage on a bad option', async () => {
    await seed([
      { id: 'cat', answers: ['Pebble.', 'Ash.'], votes: [['a', pick(1)]] },
      { id: 'dog', answers: ['Rex.', 'Biscuit.'], votes: [['a', pick(1)]] },
    ]);
    judge.respond(scriptedJudge);
    const limited = await agreementCli(['--limit', '1']);
    expect(limited.code).toBe(0);
    expect(limited.stdout).toContain('on 1 voted comparison (95%');
    expect(judge.requests).toHaveLength(2);

    const bad = await agreementCli(['--concurrency', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency must be a whole number of at least 1 (got "many").');
    expect(bad.stderr).toContain('Usage: npm run agreement');
  }, 40_000);
});
