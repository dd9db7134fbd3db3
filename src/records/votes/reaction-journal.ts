// The local, durable queue of reaction events the store could not take: one JSON line per event, appended and
// fsync'd before the event counts as received, so neither a store outage nor a crash loses a vote. JSON lines
// rather than a second SQLite file: appends are the only write, replay reads in order, and an operator can read it.
import { readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { makePrivateDir, openPrivateFile } from '../../store/private-files.ts';

export const JournaledReactionSchema = z.strictObject({
  messageId: z.string().min(1),
  voterHash: z.string().min(1),
  emoji: z.string().min(1),
  change: z.enum(['add', 'remove']),
  /** ISO time the reaction reached the bot. */
  at: z.iso.datetime({ offset: true }),
});
export type JournaledReaction = z.infer<typeof JournaledReactionSchema>;

export interface ReactionJournal {
  readonly path: string;
  /** Events waiting, oldest first: those left by an earlier run, then those appended since. */
  readonly pending: readonly JournaledReaction[];
  /** Resolves once the event is on disk. */
  append(event: JournaledReaction): Promise<void>;
  /** Forgets the oldest event once it is in the store. The file keeps it until `compact`, as replaying is idempotent. */
  shift(): void;
  /** Empties the file when nothing is pending any more. */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** Reads what an earlier run left (skipping, with a warning, a last line cut short by a crash) and opens for appending. */
export async function openReactionJournal(path: string, warn: (message: string) => void): Promise<ReactionJournal> {
  await makePrivateDir(dirname(path));
  const pending: JournaledReaction[] = [];
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return '';
    throw error;
  });
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed;
    try {
      parsed = JournaledReactionSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) pending.push(parsed.data);
    else warn(`${path}: line ${index + 1} is not a journaled reaction; skipped`);
  });
  // Owner-only: each line ties a message to a (hashed) voter and their choice.
  const file: FileHandle = await openPrivateFile(path, 'a');
  // File operations run one at a time, so an emptying never overtakes an append still being written.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <Result>(work: () => Promise<Result>): Promise<Result> => {
    const result = chain.then(work, work);
    chain = result.catch(() => undefined);
    return result;
  };
  return {
    path,
    pending,
    append(event) {
      pending.push(event);
      return serial(async () => {
        await file.appendFile(`${JSON.stringify(event)}\n`);
        await file.datasync();
      });
    },
    shift() {
      pending.shift();
    },
    compact: () =>
      serial(async () => {
        if (pending.length > 0) return;
        await file.truncate(0);
        await file.datasync();
      }),
    close: () => serial(() => file.close()),
  };
}
