// Votes through a store outage, end to end below Discord: 1,000 reaction events from 500 users on 50 comparisons
// go through the real reaction recorder (journal on local disk) and the real store on PostgreSQL, then on Redis,
// reached through a TCP proxy that is cut for 10 s in the middle of the stream. One user's events are handled in
// arrival order, as the bot does. Prints the expected live votes (the ledger's rules applied to the stream in
// memory), how many the store holds afterwards, how many were lost (must be 0), how many events went through the
// journal, and the time from the store's return until everything was settled. Needs Redis on 127.0.0.1:6379 and
// PostgreSQL on 127.0.0.1:5432/test, as the tests. Pass a backend name to run one: `node bench/outage.bench.ts redis`.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { openData } from '../src/app/open-data.ts';
import { choiceFromEmoji } from '../src/records/votes/vote-emoji.ts';
import { createKeyedQueue } from '../src/store/keyed-queue.ts';
import { openStore } from '../src/store/open-store.ts';
import { applyReactionEvent } from '../src/records/votes/apply-reaction-event.ts';
import { openReactionJournal, type JournaledReaction } from '../src/records/votes/reaction-journal.ts';
import { createReactionRecorder } from '../src/records/votes/reaction-recorder.ts';
import { liveVoteOf, withReaction, withoutReaction } from '../src/records/votes/reaction-list.ts';
import type { ActiveReaction } from '../src/records/votes/vote-schema.ts';
import { aResult, aStoredComparison } from '../test/fakes/stored-comparison.ts';
import { startTcpProxy } from '../test/fakes/tcp-proxy.ts';

const EVENTS = 1_000;
const USERS = 500;
const COMPARISONS = 50;
const STREAM_MS = 20_000;
const CUT_AT_MS = 5_000;
const CUT_FOR_MS = 10_000;
const EMOJI = ['🇦', '🇧', '🇨', '🇩', '🤝', '👎'];
const BACKENDS = [
  {
    name: 'postgres',
    option: 'postgresUrl',
    url: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  },
  { name: 'redis', option: 'redisUrl', url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
] as const;

/** A deterministic stream: each user reacts twice on one comparison; a third of the second events withdraw the first. */
function eventStream(): JournaledReaction[] {
  const events: JournaledReaction[] = [];
  for (let index = 0; index < EVENTS; index += 1) {
    const user = index % USERS;
    const second = index >= USERS;
    const first = EMOJI[(user * 7) % EMOJI.length]!;
    const withdraw = second && user % 3 === 0;
    events.push({
      messageId: `m${String(user % COMPARISONS).padStart(3, '0')}`,
      voterHash: `voter-${user}`,
      emoji: second && !withdraw ? EMOJI[(user * 7 + 1 + (user % 4)) % EMOJI.length]! : first,
      change: withdraw ? 'remove' : 'add',
      at: new Date(Date.UTC(2026, 10, 30) + index).toISOString(),
    });
  }
  return events;
}

/** The live votes the stream should leave, by the ledger's own rules. */
function expectedVotes(events: readonly JournaledReaction[]): Map<string, string> {
  const reactions = new Map<string, ActiveReaction[]>();
  for (const event of events) {
    const key = `${event.messageId}:${event.voterHash}`;
    const choice = choiceFromEmoji(event.emoji, 4)!;
    const current = reactions.get(key) ?? [];
    reactions.set(
      key,
      event.change === 'add'
        ? withReaction(current, { choice, at: event.at, afterReveal: false })
        : withoutReaction(current, choice),
    );
  }
  const live = new Map<string, string>();
  for (const [key, list] of reactions) {
    const vote = liveVoteOf({ comparisonId: 'x', voterHash: 'x', guildId: null, reactions: list });
    if (vote !== null) live.set(key, JSON.stringify(vote.choice));
  }
  return live;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function benchBackend(backend: (typeof BACKENDS)[number]) {
  const target = new URL(backend.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dialog-lab-outage-'));
  const keyPrefix = `bench-${randomUUID().slice(0, 8)}`;
  const quiet = { info: () => {}, warn: () => {} };
  const { store, comparisons, votes } = await openData(
    { dataDir, [backend.option]: proxy.urlFor(backend.url), keyPrefix },
    quiet,
  );
  const logged: string[] = [];
  let backAt = 0;
  const journal = await openReactionJournal(path.join(dataDir, 'vote-journal.jsonl'), (line) => logged.push(line));
  const recorder = createReactionRecorder({
    journal,
    log: {
      info: (line) => {
        if (line.startsWith('store is back')) backAt = performance.now();
        logged.push(line);
      },
      warn: (line) => logged.push(line),
      error: (line) => logged.push(line),
    },
    setStoreUp: () => {},
    apply: async (event) => (await applyReactionEvent(event, { comparisons, votes })).applied,
  });
  try {
    for (let index = 0; index < COMPARISONS; index += 1) {
      const id = `bench-c${index}`;
      const pipelines = ['plain', 'cot', 'rules', 'constitution'];
      await comparisons.save(
        aStoredComparison({
          id,
          messageId: `m${String(index).padStart(3, '0')}`,
          status: 'done',
          pipelines,
          slots: pipelines.map((pipelineId, slot) => ({
            letter: 'ABCD'[slot]!,
            pipelineId,
            result: aResult(pipelineId),
          })),
        }),
      );
    }
    const events = eventStream();
    const order = createKeyedQueue();
    let journaled = 0;
    const started = performance.now();
    let restoredAt = 0;
    const outage = (async () => {
      await sleep(CUT_AT_MS);
      proxy.cut();
      await sleep(CUT_FOR_MS);
      proxy.restore();
      restoredAt = performance.now();
    })();
    const recorded: Array<Promise<void>> = [];
    for (const [index, event] of events.entries()) {
      const due = (index * STREAM_MS) / EVENTS - (performance.now() - started);
      if (due > 0) await sleep(due);
      recorded.push(
        order.run(`${event.messageId}:${event.voterHash}`, async () => {
          if ((await recorder.record(event)) === 'journaled') journaled += 1;
        }),
      );
    }
    await Promise.all(recorded);
    const streamEnd = performance.now();
    await outage;
    await recorder.settled();
    const settledAt = performance.now();

    const expected = expectedVotes(events);
    let stored = 0;
    for (const [key, choice] of expected) {
      const [messageId, voterHash] = key.split(':') as [string, string];
      const comparison = await comparisons.findByMessageId(messageId);
      const vote = await votes.liveVote(comparison!.id, voterHash);
      if (vote !== null && JSON.stringify(vote.choice) === choice) stored += 1;
    }
    const extra = (await votes.allVotes()).length - expected.size;
    console.log(
      `${backend.name}: ${EVENTS} events from ${USERS} users over ${STREAM_MS / 1000} s, store cut for ${CUT_FOR_MS / 1000} s after ${CUT_AT_MS / 1000} s`,
    );
    console.log(
      `  expected live votes ${expected.size}, stored ${stored}, lost ${expected.size - stored}, unexpected ${Math.max(0, extra)}`,
    );
    console.log(
      `  ${journaled} events went through the journal; it was replayed and caught up with the live stream ` +
        `${((backAt - restoredAt) / 1000).toFixed(2)} s after the store came back; all settled ${((settledAt - streamEnd) / 1000).toFixed(2)} s after the last event`,
    );
    console.log(`  log: ${logged.filter((line) => /unavailable|back/.test(line)).join(' | ')}`);
  } finally {
    await recorder.close();
    await store.close();
    const cleaner = await openStore({ dataDir, [backend.option]: backend.url, keyPrefix });
    for (const name of await cleaner.namespaceNames()) await cleaner.namespace(name, z.unknown()).clear();
    await cleaner.close();
    await proxy.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const wanted = process.argv.slice(2);
for (const backend of BACKENDS) if (wanted.length === 0 || wanted.includes(backend.name)) await benchBackend(backend);
