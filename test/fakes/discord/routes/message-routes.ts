// Channel and message routes: post (JSON or multipart), fetch one or a page, edit, delete, typing.
import type { FakeContext } from '../context.ts';
import { requireBotPermissions, requireChannel, requireMessage } from '../lookups.ts';
import { parseMessageInput, validateMessageInput } from '../message-input.ts';
import { messagePayload } from '../message-payload.ts';
import { createMessage, deleteMessage, editMessage } from '../message-store.ts';
import { channelPayload } from '../payloads.ts';
import type { PermissionName } from '../permissions.ts';
import { discordErrors, invalidFormBody } from '../rest-error.ts';
import { json, noContent, type RestRequest, type Route } from '../rest-types.ts';
import { compareSnowflakes } from '../snowflake.ts';
import type { StoredMessage } from '../state.ts';

function pageOf(messages: StoredMessage[], query: URLSearchParams): StoredMessage[] {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 50), 1), 100);
  const before = query.get('before');
  const after = query.get('after');
  const around = query.get('around');
  let page: StoredMessage[];
  if (after) page = messages.filter((message) => compareSnowflakes(message.id, after) > 0).slice(0, limit);
  else if (around) {
    const index = messages.findIndex((message) => compareSnowflakes(message.id, around) >= 0);
    const start = Math.max((index < 0 ? messages.length : index) - Math.floor(limit / 2), 0);
    page = messages.slice(start, start + limit);
  } else {
    const older = before ? messages.filter((message) => compareSnowflakes(message.id, before) < 0) : messages;
    page = older.slice(-limit);
  }
  return [...page].reverse();
}

export function messageRoutes(context: FakeContext): Route[] {
  const { state } = context;
  const payload = (message: StoredMessage) => messagePayload(state, message, { withMember: false });

  function postMessage({ params, body, files }: RestRequest) {
    const channel = requireChannel(state, params.channelId ?? '');
    const input = parseMessageInput(body);
    const needed: PermissionName[] = ['SendMessages'];
    if ((input.embeds ?? []).length > 0) needed.push('EmbedLinks');
    if (files.length > 0) needed.push('AttachFiles');
    if (input.message_reference) needed.push('ReadMessageHistory');
    requireBotPermissions(state, channel, needed);
    validateMessageInput(input, files.length);
    const reference = input.message_reference;
    if (reference) {
      const target = state.messages.get(reference.message_id);
      if ((!target || target.deleted || target.channelId !== channel.id) && reference.fail_if_not_exists !== false) {
        throw invalidFormBody([
          { path: ['message_reference'], code: 'REPLIES_UNKNOWN_MESSAGE', message: 'Unknown message' },
        ]);
      }
      if (!target) input.message_reference = null;
    }
    return json(payload(createMessage(context, { channel, authorId: state.botUserId, input, files })));
  }

  function patchMessage({ params, body, files }: RestRequest) {
    const channel = requireChannel(state, params.channelId ?? '');
    requireBotPermissions(state, channel, []);
    const message = requireMessage(state, channel.id, params.messageId ?? '');
    if (message.authorId !== state.botUserId || message.webhookId) throw discordErrors.cannotEditOthers();
    const input = parseMessageInput(body);
    if ((input.embeds ?? []).length > 0) requireBotPermissions(state, channel, ['EmbedLinks']);
    validateMessageInput(input, files.length, message);
    return json(payload(editMessage(context, message, input, files)));
  }

  return [
    {
      method: 'GET',
      pattern: '/channels/:channelId',
      auth: true,
      handle: ({ params }) => {
        const channel = requireChannel(state, params.channelId ?? '');
        requireBotPermissions(state, channel, []);
        return json(channelPayload(state, channel));
      },
    },
    { method: 'POST', pattern: '/channels/:channelId/messages', auth: true, handle: postMessage },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages',
      auth: true,
      handle: ({ params, query }) => {
        const channel = requireChannel(state, params.channelId ?? '');
        requireBotPermissions(state, channel, ['ReadMessageHistory']);
        return json(pageOf(state.channelMessages.get(channel.id) ?? [], query).map(payload));
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: ({ params }) => {
        const channel = requireChannel(state, params.channelId ?? '');
        requireBotPermissions(state, channel, ['ReadMessageHistory']);
        return json(payload(requireMessage(state, channel.id, params.messageId ?? '')));
      },
    },
    { method: 'PATCH', pattern: '/channels/:channelId/messages/:messageId', auth: true, handle: patchMessage },
    {
      method: 'DELETE',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: ({ params }) => {
        const channel = requireChannel(state, params.channelId ?? '');
        const message = requireMessage(state, channel.id, params.messageId ?? '');
        requireBotPermissions(state, channel, message.authorId === state.botUserId ? [] : ['ManageMessages']);
        deleteMessage(context, message);
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/typing',
      auth: true,
      handle: ({ params }) => {
        const channel = requireChannel(state, params.channelId ?? '');
        requireBotPermissions(state, channel, ['SendMessages']);
        state.typing.push({ channelId: channel.id, at: Date.now() });
        context.changes.notify();
        return noContent();
      },
    },
  ];
}
