// Reaction routes: the bot's own reactions, removing others' (Manage Messages), listing who reacted.
import type { FakeContext } from '../context.ts';
import { requireBotPermissions, requireChannel, requireMessage } from '../lookups.ts';
import { userPayload } from '../payloads.ts';
import { addReaction, parseEmoji, removeAllReactions, removeReaction } from '../reaction-store.ts';
import { discordErrors } from '../rest-error.ts';
import { json, noContent, type RestRequest, type Route } from '../rest-types.ts';
import { compareSnowflakes } from '../snowflake.ts';

const UNICODE_EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** Unicode emoji must be real emoji (Discord answers 10014 otherwise); custom ones are taken on trust. */
function emojiOf(params: Record<string, string>): string {
  const text = params.emoji ?? '';
  if (parseEmoji(text).emoji.id === null && !UNICODE_EMOJI.test(text)) throw discordErrors.unknownEmoji();
  return text;
}

export function reactionRoutes(context: FakeContext): Route[] {
  const { state } = context;
  const target = ({ params }: RestRequest) => {
    const channel = requireChannel(state, params.channelId ?? '');
    return { channel, message: requireMessage(state, channel.id, params.messageId ?? '') };
  };
  const base = '/channels/:channelId/messages/:messageId/reactions';

  return [
    {
      method: 'PUT',
      pattern: `${base}/:emoji/@me`,
      auth: true,
      handle: (request) => {
        const { channel, message } = target(request);
        const emoji = emojiOf(request.params);
        const existing = message.reactions.get(parseEmoji(emoji).key);
        const isNew = !existing || existing.userIds.size === 0;
        requireBotPermissions(state, channel, isNew ? ['ReadMessageHistory', 'AddReactions'] : ['ReadMessageHistory']);
        addReaction(context, message, state.botUserId, emoji);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:emoji/@me`,
      auth: true,
      handle: (request) => {
        const { channel, message } = target(request);
        requireBotPermissions(state, channel, []);
        removeReaction(context, message, state.botUserId, emojiOf(request.params));
        return noContent();
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:emoji/:userId`,
      auth: true,
      handle: (request) => {
        const { channel, message } = target(request);
        const userId = request.params.userId ?? '';
        requireBotPermissions(state, channel, userId === state.botUserId ? [] : ['ManageMessages']);
        removeReaction(context, message, userId, emojiOf(request.params));
        return noContent();
      },
    },
    {
      method: 'GET',
      pattern: `${base}/:emoji`,
      auth: true,
      handle: (request) => {
        const { channel, message } = target(request);
        requireBotPermissions(state, channel, ['ReadMessageHistory']);
        const reaction = message.reactions.get(parseEmoji(emojiOf(request.params)).key);
        const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 25), 1), 100);
        const after = request.query.get('after');
        const userIds = [...(reaction?.userIds ?? [])]
          .sort(compareSnowflakes)
          .filter((id) => after === null || compareSnowflakes(id, after) > 0)
          .slice(0, limit);
        return json(userIds.map((id) => userPayload(state, id)));
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:emoji`,
      auth: true,
      handle: (request) => {
        const { channel, message } = target(request);
        requireBotPermissions(state, channel, ['ManageMessages']);
        removeAllReactions(context, message, emojiOf(request.params));
        return noContent();
      },
    },
    {
      method: 'DELETE',
      pattern: base,
      auth: true,
      handle: (request) => {
        const { channel, message } = target(request);
        requireBotPermissions(state, channel, ['ManageMessages']);
        removeAllReactions(context, message);
        return noContent();
      },
    },
  ];
}
