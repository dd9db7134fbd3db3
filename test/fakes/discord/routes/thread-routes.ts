// Thread routes: start a public thread from a message (its id becomes the thread's, as on Discord) or without
// one. Threads live in the guild like channels, inherit their parent's permissions and announce themselves with
// THREAD_CREATE.
import { ChannelType, GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import { z } from 'zod';
import { nowIso, type FakeContext } from '../context.ts';
import { requireBotPermissions, requireChannel, requireMessage } from '../lookups.ts';
import { channelPayload } from '../payloads.ts';
import { discordErrors, invalidFormBody } from '../rest-error.ts';
import { json, type RestRequest, type Route } from '../rest-types.ts';
import type { FakeChannel } from '../state.ts';

const ThreadBody = z.looseObject({
  name: z.string().min(1).max(100),
  auto_archive_duration: z.number().optional(),
  type: z.number().optional(),
});

export function createThread(
  context: FakeContext,
  parent: FakeChannel,
  input: { id: string; name: string; ownerId: string },
): FakeChannel {
  const { state } = context;
  if (parent.type !== ChannelType.GuildText || !parent.guildId)
    throw new Error('fake discord: threads open only in guild text channels');
  if (state.channels.has(input.id)) throw discordErrors.threadAlreadyExists();
  const thread: FakeChannel = {
    id: input.id,
    type: ChannelType.PublicThread,
    guildId: parent.guildId,
    name: input.name,
    position: 0,
    topic: null,
    overwrites: new Map(),
    recipientId: null,
    lastMessageId: null,
    thread: { parentId: parent.id, ownerId: input.ownerId, createdAt: nowIso() },
  };
  state.channels.set(thread.id, thread);
  state.guilds.get(parent.guildId)?.channelIds.push(thread.id);
  context.dispatch({
    type: GatewayDispatchEvents.ThreadCreate,
    data: { ...channelPayload(state, thread), newly_created: true },
    intents: GatewayIntentBits.Guilds,
    channelId: thread.id,
  });
  context.changes.notify();
  return thread;
}

function parseName(body: unknown): string {
  const parsed = ThreadBody.safeParse(body ?? {});
  if (!parsed.success)
    throw invalidFormBody([
      { path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
    ]);
  return parsed.data.name;
}

export function threadRoutes(context: FakeContext): Route[] {
  const { state } = context;
  return [
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages/:messageId/threads',
      auth: true,
      handle: ({ params, body }: RestRequest) => {
        const parent = requireChannel(state, params.channelId ?? '');
        requireBotPermissions(state, parent, ['CreatePublicThreads']);
        const message = requireMessage(state, parent.id, params.messageId ?? '');
        return json(
          channelPayload(
            state,
            createThread(context, parent, { id: message.id, name: parseName(body), ownerId: state.botUserId }),
          ),
        );
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/threads',
      auth: true,
      handle: ({ params, body }: RestRequest) => {
        const parent = requireChannel(state, params.channelId ?? '');
        requireBotPermissions(state, parent, ['CreatePublicThreads']);
        return json(
          channelPayload(
            state,
            createThread(context, parent, { id: context.ids.next(), name: parseName(body), ownerId: state.botUserId }),
          ),
          201,
        );
      },
    },
  ];
}
