// The comparison store's guarantees, checked on SQLite, Redis and PostgreSQL alike.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createComparisonStore } from '../../src/records/comparisons/comparison-store.ts';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';

describe.each(STORE_BACKENDS)('comparison store on $name', (backend) => {
  const fixture = useStoreFixture(backend);

  it('keeps every slot’s answer when the pipelines finish at the same moment', async () => {
    const comparisons = createComparisonStore(await fixture.open());
    const ids = Array.from({ length: 10 }, (_, index) => `comparison-${index}`);
    await Promise.all(ids.map((id) => comparisons.save(aStoredComparison({ id }))));
    const pipelines = ['plain', 'cot', 'rules', 'constitution'];
    await Promise.all(
      ids.flatMap((id) => [
        ...pipelines.map((pipelineId, slot) => comparisons.setSlotResult(id, slot, aResult(pipelineId))),
      ]),
    );
    await Promise.all(ids.map((id) => comparisons.finish(id)));
    for (const id of ids) {
      const stored = await comparisons.get(id);
      expect(stored?.slots.map((slot) => slot.result?.answer)).toEqual(
        pipelines.map((pipelineId) => `${pipelineId}: Pebble`),
      );
      expect(stored?.status).toBe('done');
    }
  });

  it('finds the comparison from its Discord message after a restart, when nothing is cached', async () => {
    const first = await fixture.open();
    await createComparisonStore(first).save(aStoredComparison({ id: 'comparison-1' }));
    await createComparisonStore(first).attachMessage('comparison-1', '1234567890', 'channel-9');
    await first.close();
    const comparisons = createComparisonStore(await fixture.open());
    const found = await comparisons.findByMessageId('1234567890');
    expect(found).toMatchObject({ id: 'comparison-1', messageId: '1234567890', channelId: 'channel-9' });
    expect(await comparisons.findByMessageId('999')).toBeUndefined();
  });

  it('gives back exactly what was saved, slots in their shuffled order', async () => {
    const comparisons = createComparisonStore(await fixture.open());
    const record = aStoredComparison({ id: 'comparison-1', pipelines: ['rules', 'plain'], messageId: '42' });
    record.slots[1]!.result = aResult('plain');
    await comparisons.save(record);
    expect(await comparisons.get('comparison-1')).toEqual(record);
    expect((await comparisons.findByMessageId('42'))?.id).toBe('comparison-1');
    expect(await comparisons.get('comparison-2')).toBeUndefined();
  });

  it('lists every ballot in id order, and reads ballots and texts by id without the traces', async () => {
    const comparisons = createComparisonStore(await fixture.open());
    for (const id of ['b', 'a', 'c']) await comparisons.save(aStoredComparison({ id }));
    await comparisons.setSlotResult('a', 1, aResult('cot'));
    const ids: string[] = [];
    for await (const ballot of comparisons.allBallots()) ids.push(ballot.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    const [ballot, missing] = await comparisons.ballots(['a', 'nope']);
    expect(missing).toBeUndefined();
    expect(ballot?.slots[1]).toMatchObject({
      pipelineId: 'cot',
      status: 'ok',
      model: 'test-model',
      features: { chars: 'cot: Pebble'.length },
    });
    expect(ballot?.slots[0]).toMatchObject({ status: 'pending', features: null });
    const [texts] = await comparisons.texts(['a']);
    expect(texts?.answers).toEqual([null, 'cot: Pebble', null, null]);
    expect(texts?.conversation).toEqual([{ role: 'user', content: 'What is a good name for a grey cat?' }]);
  });

  it('keeps an index of running comparisons under the lease that runs them, and drops each one when it finishes', async () => {
    const comparisons = createComparisonStore(await fixture.open());
    await comparisons.save(aStoredComparison({ id: 'one' }), 'lease-1');
    await comparisons.save(aStoredComparison({ id: 'two' }), 'lease-2');
    await comparisons.save(aStoredComparison({ id: 'done', status: 'done' }), 'lease-1');
    const running = async () => {
      const found: string[] = [];
      for await (const [id, entry] of comparisons.running()) found.push(`${id}@${entry.owner}`);
      return found.sort();
    };
    expect(await running()).toEqual(['one@lease-1', 'two@lease-2']);
    const finished = await comparisons.finish('one', (slot) => ({
      ...aResult(slot.pipelineId),
      status: 'cancelled',
      answer: null,
    }));
    expect(finished.status).toBe('done');
    expect(finished.slots.map((slot) => slot.result?.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(await running()).toEqual(['two@lease-2']);
  });

  it('removes conversations older than the retention period and keeps newer ones', async () => {
    const comparisons = createComparisonStore(await fixture.open());
    await comparisons.save(aStoredComparison({ id: 'old', createdAt: '2026-09-01T10:00:00.000Z' }));
    await comparisons.save(aStoredComparison({ id: 'new', createdAt: '2026-11-01T10:00:00.000Z' }));
    await comparisons.setSlotResult('old', 0, aResult('plain'));
    await comparisons.setSlotResult('new', 0, aResult('plain'));
    expect(await comparisons.purgeConversationsOlderThan(new Date('2026-10-01T00:00:00.000Z'))).toBe(1);
    const old = await comparisons.get('old');
    expect(old?.conversation).toEqual([]);
    expect(old?.slots[0]?.result?.trace[0]?.inputMessages).toEqual([]);
    expect(old?.slots[0]?.result?.answer).toBe('plain: Pebble');
    expect((await comparisons.get('new'))?.conversation).toHaveLength(1);
    expect(await comparisons.purgeConversationsOlderThan(new Date('2026-10-01T00:00:00.000Z'))).toBe(0);
  });

  it('forgets one requester’s conversations, including answers that finish afterwards', async () => {
    const comparisons = createComparisonStore(await fixture.open());
    await comparisons.save(aStoredComparison({ id: 'mine-1', requesterHash: 'me' }));
    await comparisons.save(aStoredComparison({ id: 'mine-2', requesterHash: 'me' }));
    await comparisons.save(aStoredComparison({ id: 'theirs', requesterHash: 'someone-else' }));
    expect(await comparisons.forgetRequester('me')).toBe(2);
    await comparisons.setSlotResult('mine-1', 2, aResult('rules'));
    const mine = await comparisons.get('mine-1');
    expect(mine?.conversation).toEqual([]);
    expect(mine?.slots[2]?.result?.trace[0]?.inputMessages).toEqual([]);
    expect((await comparisons.get('theirs'))?.conversation).toHaveLength(1);
  });

  it('says which comparison is missing or has no such slot', async () => {
    const comparisons = createComparisonStore(await fixture.open());
    await expect(comparisons.setSlotResult('nope', 0, aResult('plain'))).rejects.toThrow(
      'No comparison "nope" in the store',
    );
    await comparisons.save(aStoredComparison({ id: 'comparison-1' }));
    await expect(comparisons.setSlotResult('comparison-1', 7, aResult('plain'))).rejects.toThrow(
      'Comparison "comparison-1" has no slot 7',
    );
  });

  it('names the key when a stored ballot is malformed, and refuses a record from a newer release', async () => {
    const store = await fixture.open();
    const comparisons = createComparisonStore(store);
    await comparisons.save(aStoredComparison({ id: 'comparison-1' }));
    const raw = store.namespace('ballots', z.record(z.string(), z.unknown()));
    const ballot = (await raw.get('comparison-1'))!;
    await raw.set('comparison-1', { ...ballot, status: 'finished' });
    const message = `Stored value at "${raw.fullName}:comparison-1" is malformed: status:`;
    await expect(comparisons.get('comparison-1')).rejects.toThrow(message);
    await expect(comparisons.allBallots().next()).rejects.toThrow(message);
    await raw.set('comparison-1', { ...ballot, v: 3 });
    await expect(comparisons.ballot('comparison-1')).rejects.toThrow(
      'v: written by a newer release of Dialog Lab (this one reads record version 2); upgrade to read it',
    );
  });
});
