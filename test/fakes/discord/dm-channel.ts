// One DM channel per user, opened on first use, as Discord gives POST /users/@me/channels the same channel again.
import { ChannelType } from 'discord.js';
import type { FakeContext } from './context.ts';
import type { FakeChannel } from './state.ts';

export function ensureDmChannel(context: FakeContext, userId: string): FakeChannel {
  const { state } = context;
  const existing = state.channels.get(state.dmChannelIds.get(userId) ?? '');
  if (existing) return existing;
  const channel: FakeChannel = {
    id: context.ids.next(),
    type: ChannelType.DM,
    guildId: null,
    name: null,
    position: 0,
    topic: null,
    overwrites: new Map(),
    recipientId: userId,
    lastMessageId: null,
  };
  state.channels.set(channel.id, channel);
  state.dmChannelIds.set(userId, channel.id);
  return channel;
}
