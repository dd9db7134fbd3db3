import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../src/store/keyed-queue.ts';

// A promise with its resolve function, so a test decides when a task finishes.
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('keyed queue', () => {
  it('runs tasks under one key in the order they were queued, even when the first is slower', async () => {
    const queue = createKeyedQueue();
    const order: string[] = [];
    const slow = gate();
    const first = queue.run('voter', async () => {
      await slow.opened;
      order.push('first');
    });
    const second = queue.run('voter', async () => {
      order.push('second');
    });
    slow.open();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('lets tasks under other keys run while one key waits', async () => {
    const queue = createKeyedQueue();
    const blocked = gate();
    const waiting = queue.run('slow-voter', () => blocked.opened);
    expect(await queue.run('other-voter', async () => 'done')).toBe('done');
    blocked.open();
    await waiting;
  });

  it('carries on with the next task after one fails, and hands each caller its own outcome', async () => {
    const queue = createKeyedQueue();
    const failing = queue.run('voter', async () => {
      throw new Error('store down');
    });
    const next = queue.run('voter', async () => 42);
    await expect(failing).rejects.toThrow('store down');
    expect(await next).toBe(42);
  });
});
