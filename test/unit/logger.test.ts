// Log lines as a log shipper reads them: one JSON object per line, carrying the ids of what a user did, errors
// with their stack, and never a token or key, even when one is passed by mistake.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, withLogContext } from '../../src/base/logger.ts';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('writes JSON lines carrying the interaction and comparison ids of a child logger', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination, bindings: { shard: 1 } });
    const scoped = withLogContext(withLogContext(log, { interactionId: 'i-1', guildId: 'g-1' }), {
      comparisonId: 'c-1',
    });
    scoped.warn('live edit failed');
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'live edit failed',
      shard: 1,
      interactionId: 'i-1',
      guildId: 'g-1',
      comparisonId: 'c-1',
    });
  });

  it('logs an error with its stack, and a non-error as a detail', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination });
    log.error('vote failed', new Error('store down'), { messageId: 'm-1' });
    log.error('odd failure', 'just text');
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'vote failed',
      messageId: 'm-1',
      err: { message: 'store down', type: 'Error' },
    });
    expect(String((lines[0]?.err as { stack?: string }).stack)).toContain('store down');
    expect(lines[1]).toMatchObject({ msg: 'odd failure', detail: 'just text' });
  });

  it('redacts tokens and keys passed in context or carried by an error', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination });
    const error = Object.assign(new Error('request failed'), {
      requestBody: { json: { token: 'interaction-token' } },
      headers: { authorization: 'Bot secret-token' },
    });
    log.info('settings', { token: 'secret-token', apiKey: 'sk-secret' });
    log.error('discord call failed', error);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('sk-secret');
    expect(text).not.toContain('interaction-token');
    expect(lines[0]).toMatchObject({ token: '[redacted]', apiKey: '[redacted]' });
  });

  it('leaves out info lines when quiet', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination, quiet: true });
    log.info('chatter');
    log.warn('worth seeing');
    expect(lines.map((line) => line.msg)).toEqual(['worth seeing']);
  });
});
