// The simulated store the data-layer benches fill: comparisons of a busy server with their votes, written raw
// through the real store (as a store from before count records holds them), and the helpers around a fill (which
// backend, clearing it, running one measured operation in a fresh process). Each bench picks its own shape:
// how many pipelines a comparison shows, how big its answers and traces are, how voters choose.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PipelineResult, StepTrace } from '../src/engine/trace.ts';
import { ballotOf } from '../src/records/comparisons/ballot-of.ts';
import { SLOT_LETTERS, type ComparisonRecord } from '../src/records/comparisons/comparison.ts';
import { createComparisonStore } from '../src/records/comparisons/comparison-store.ts';
import { COMPARISON_NAMESPACES, RECORD_VERSION } from '../src/records/comparisons/stored-records.ts';
import { createCountRecords } from '../src/records/counting/count-records.ts';
import { migrateStore } from '../src/records/migrations/migrate-store.ts';
import { openStore, type StoreOptions } from '../src/store/open-store.ts';

export interface Simulation {
  random: () => number;
  /** Each comparison shows `slots` of these, shuffled. */
  pipelines: readonly string[];
  slots: number;
  /** Time between two comparisons' creation. */
  spacingMs: number;
  /** Model calls a pipeline makes; with `traceText`, each gets a trace step of that much text. */
  callsOf: (pipelineId: string) => number;
  /** The answer a pipeline gives. */
  answer: (pipelineId: string) => string;
  /** Characters of each call's output in the traces (its prompt is 500 more); 0 leaves traces empty. */
  traceText: number;
  /** The user's message; '' leaves the conversation empty. */
  prompt: () => string;
  /** Pick weights are exp(strength); a pipeline missing here has 0. */
  strength: Readonly<Record<string, number>>;
}

const WORDS = 'the a grey cat sleeps on warm stones while rain falls softly over quiet hills and rivers'.split(' ');

/** `length` characters of words drawn with `random`. */
export function wordsOf(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += `${WORDS[Math.floor(random() * WORDS.length)]} `;
  return out.slice(0, length);
}

function step(simulation: Simulation, index: number): StepTrace {
  const text = (length: number) => wordsOf(simulation.random, length);
  return {
    step: `step-${index}`,
    kind: index === 0 ? 'generate' : 'judge',
    model: 'gpt-4o-mini',
    params: { temperature: 0.7, maxTokens: 800 },
    inputMessages: [
      { role: 'system', content: text(300) },
      { role: 'user', content: text(200) },
    ],
    outputText: text(simulation.traceText),
    tokensIn: 150,
    tokensOut: 190,
    latencyMs: 900,
    costUsd: 0.0002,
  };
}

export function result(simulation: Simulation, pipelineId: string): PipelineResult {
  const calls = simulation.callsOf(pipelineId);
  const answer = simulation.answer(pipelineId);
  return {
    pipelineId,
    version: 'abcdef123456',
    label: pipelineId,
    status: 'ok',
    answer,
    trace: simulation.traceText > 0 ? Array.from({ length: calls }, (_, index) => step(simulation, index)) : [],
    totals: {
      calls,
      tokensIn: 150 * calls,
      tokensOut: 190 * calls,
      costUsd: 0.0002 * calls,
      latencyMs: 900 * calls + Math.floor(simulation.random() * 400),
    },
  };
}

/** The id of the `index`th comparison: 12 base64url characters, spread over the key space like the bot's random ids. */
export const comparisonId = (index: number) =>
  createHash('sha256').update(String(index)).digest('base64url').slice(0, 12);

export function comparison(simulation: Simulation, index: number): ComparisonRecord {
  const order = [...simulation.pipelines].sort(() => simulation.random() - 0.5).slice(0, simulation.slots);
  const prompt = simulation.prompt();
  return {
    id: comparisonId(index),
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * simulation.spacingMs).toISOString(),
    guildId: `guild-${index % 3}`,
    channelId: 'channel-1',
    messageId: `m${index}`,
    requesterHash: `requester-${index % 500}`,
    conversation: prompt === '' ? [] : [{ role: 'user', content: prompt }],
    status: 'done',
    slots: order.map((pipelineId, slot) => ({
      letter: SLOT_LETTERS[slot]!,
      pipelineId,
      result: result(simulation, pipelineId),
    })),
  };
}

/** `perComparison` votes on average: one or two voters (1.5), or always two (2), out of 500. */
export function votesOf(simulation: Simulation, record: ComparisonRecord, index: number, perComparison: number) {
  const { random } = simulation;
  const voters = perComparison >= 2 || index % 2 === 1 ? [index % 500, (index * 7 + 3) % 500] : [index % 500];
  return voters.map((voter) => {
    const roll = random();
    const weights = record.slots.map((slot) => Math.exp(simulation.strength[slot.pipelineId] ?? 0));
    let target = random() * weights.reduce((sum, weight) => sum + weight, 0);
    const picked = Math.max(
      0,
      weights.findIndex((weight) => (target -= weight) < 0),
    );
    const choice =
      roll < 0.1
        ? { kind: 'tie' as const }
        : roll < 0.15
          ? { kind: 'all-bad' as const }
          : { kind: 'pick' as const, slot: picked };
    const voterHash = `${voter.toString(16).padStart(8, '0')}${'f'.repeat(56)}`;
    return {
      key: `${record.id}:${voterHash}`,
      value: {
        comparisonId: record.id,
        voterHash,
        guildId: record.guildId,
        reactions: [{ choice, at: new Date(Date.parse(record.createdAt) + 60_000).toISOString(), afterReveal: false }],
      },
    };
  });
}

export interface FillOptions {
  /** Comparisons `from` .. `to` − 1. */
  from: number;
  to: number;
  perComparison: number;
  /** Comparisons per write. */
  batch: number;
  /** Also their texts, traces and message index (whole comparisons), not only ballots and votes. */
  whole: boolean;
  /** Then rebuild the count records, as the bot would have kept them; else the first count fills them in. */
  countRecords: boolean;
}

/** Writes comparisons and their votes raw, past the bot's writers; returns how many votes were written. */
export async function fill(options: StoreOptions, simulation: Simulation, shape: FillOptions): Promise<number> {
  const store = await openStore(options);
  const any = (name: string) => store.namespace(name, z.unknown());
  let votes = 0;
  for (let start = shape.from; start < shape.to; start += shape.batch) {
    const records = Array.from({ length: Math.min(shape.batch, shape.to - start) }, (_, offset) =>
      comparison(simulation, start + offset),
    );
    await any(COMPARISON_NAMESPACES.ballots).setMany(
      records.map((record) => ({ key: record.id, value: ballotOf(record) })),
    );
    if (shape.whole) await fillWhole(any, records);
    const batch = records.flatMap((record, offset) => votesOf(simulation, record, start + offset, shape.perComparison));
    votes += batch.length;
    await any('votes').setMany(batch);
  }
  await migrateStore(store, createComparisonStore(store)); // marks the layout, as a bot start would
  if (shape.countRecords) {
    const countRecords = createCountRecords(store);
    await countRecords.clear();
    await countRecords.ensureComplete();
  }
  await store.close();
  return votes;
}

async function fillWhole(
  any: (name: string) => { setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> },
  records: readonly ComparisonRecord[],
): Promise<void> {
  await any(COMPARISON_NAMESPACES.texts).setMany(
    records.map((record) => ({
      key: record.id,
      value: {
        v: RECORD_VERSION,
        id: record.id,
        conversation: record.conversation,
        answers: record.slots.map((slot) => slot.result!.answer),
      },
    })),
  );
  await any(COMPARISON_NAMESPACES.traces).setMany(
    records.flatMap((record) =>
      record.slots.map((slot, index) => ({
        key: `${record.id}:${index}`,
        value: { v: RECORD_VERSION, result: slot.result },
      })),
    ),
  );
  await any(COMPARISON_NAMESPACES.messages).setMany(
    records.map((record) => ({ key: record.messageId!, value: { comparisonId: record.id } })),
  );
}

/** Deletes every namespace (SQLite stores are simply removed with their folder). */
export async function clear(options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  for (const name of await store.namespaceNames()) await store.namespace(name, z.unknown()).clear();
  await store.namespace('store-namespaces', z.unknown()).clear();
  await store.close();
}

export function storeOptions(backend: string, dataDir: string, keyPrefix: string): StoreOptions {
  if (backend === 'redis')
    return { dataDir, keyPrefix, redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
  if (backend === 'postgres')
    return {
      dataDir,
      keyPrefix,
      postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
    };
  return { dataDir, keyPrefix };
}

/** Runs `node <flags> <script> <operation> <json options>` and returns the JSON line it printed last. */
export function work(
  script: string,
  operation: string,
  options: object,
  flags: readonly string[] = [],
): Record<string, unknown> {
  const output = execFileSync(process.execPath, [...flags, script, operation, JSON.stringify(options)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, unknown>;
}
