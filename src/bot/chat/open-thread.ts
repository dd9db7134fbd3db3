// Opens a public thread on a message the conversation continues in, and records it so the bot answers every
// message there after a restart too. Says why when it cannot (no thread in DMs or inside a thread, or a
// missing permission) instead of failing the answer.
import { PermissionFlagsBits, type Message, type ThreadChannel } from 'discord.js';
import type { BotThread } from '../../records/bot-threads.ts';
import type { Services } from '../services.ts';

// Discord's limit for a thread name.
const THREAD_NAME_MAX = 100;

export function threadName(text: string, fallback: string): string {
  const line = text
    .replace(/<@[!&]?\d+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!line) return fallback;
  return line.length <= THREAD_NAME_MAX ? line : `${line.slice(0, THREAD_NAME_MAX - 1)}…`;
}

export type OpenedThread = { ok: true; thread: ThreadChannel } | { ok: false; reason: string };

export async function openThread(
  message: Message,
  services: Pick<Services, 'threads'>,
  request: { name: string; record: Omit<BotThread, 'startedAt'> },
): Promise<OpenedThread> {
  if (!message.inGuild() || message.channel.isThread() || !('threads' in message.channel)) {
    return { ok: false, reason: 'Threads can be opened only in a server’s text channels' };
  }
  const me = message.client.user;
  const needed = [PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads];
  if (!message.channel.permissionsFor(me)?.has(needed)) {
    return {
      ok: false,
      reason: 'I could not open a thread here (I need Create Public Threads and Send Messages in Threads)',
    };
  }
  const thread = await message.startThread({ name: request.name });
  await services.threads.add(thread.id, request.record);
  return { ok: true, thread };
}
