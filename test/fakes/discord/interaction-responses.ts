// What happens when a bot answers an interaction: the one allowed callback (reply, defer, update, modal...),
// then edits of @original and follow-ups through the interaction webhook, as Discord stores and shows them.
import { z } from 'zod';
import { InteractionResponseType, InteractionType, MessageFlags, MessageType } from 'discord.js';
import type { FakeContext } from './context.ts';
import { requireChannel } from './lookups.ts';
import { parseMessageInput, validateMessageInput } from './message-input.ts';
import { messagePayload } from './message-payload.ts';
import { createMessage, editMessage } from './message-store.ts';
import { discordErrors, invalidFormBody } from './rest-error.ts';
import { json, noContent, type RestReply, type UploadedFile } from './rest-types.ts';
import type { InteractionRecord, StoredMessage } from './state.ts';

const Callback = z.looseObject({ type: z.number().int(), data: z.unknown().optional() });

const badType = () =>
  invalidFormBody([
    {
      path: ['type'],
      code: 'INTERACTION_RESPONSE_TYPE_INVALID',
      message: 'Interaction response type is invalid for this interaction',
    },
  ]);

export function findInteraction(context: FakeContext, id: string, token: string): InteractionRecord {
  const record = context.state.interactions.get(id);
  if (!record || record.token !== token) throw discordErrors.unknownInteraction();
  const deadline = context.settings.interactionDeadlineMs;
  if (deadline !== null && record.callbacks.length === 0 && Date.now() - record.createdAt > deadline)
    throw discordErrors.unknownInteraction();
  return record;
}

function sourceMessage(context: FakeContext, record: InteractionRecord): StoredMessage {
  const message = record.sourceMessageId ? context.state.messages.get(record.sourceMessageId) : undefined;
  if (!message) throw badType();
  return message;
}

function respond(
  context: FakeContext,
  record: InteractionRecord,
  type: number,
  data: unknown,
  files: UploadedFile[],
): StoredMessage | undefined {
  const channel = requireChannel(context.state, record.channelId);
  const common = {
    channel,
    authorId: context.state.botUserId,
    webhookId: context.state.applicationId,
    interactionId: record.id,
  };
  const messageType =
    record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      if (record.type === InteractionType.ApplicationCommandAutocomplete) throw badType();
      const input = parseMessageInput(data);
      validateMessageInput(input, files.length);
      return createMessage(context, {
        ...common,
        input: { ...input, message_reference: null },
        files,
        type: messageType,
      });
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const flags = (parseMessageInput(data).flags ?? 0) & MessageFlags.Ephemeral;
      return createMessage(context, {
        ...common,
        input: { content: '', flags },
        type: messageType,
        systemFlags: MessageFlags.Loading,
      });
    }
    case InteractionResponseType.DeferredMessageUpdate:
      return sourceMessage(context, record);
    case InteractionResponseType.UpdateMessage: {
      const input = parseMessageInput(data);
      const source = sourceMessage(context, record);
      validateMessageInput(input, files.length, source);
      return editMessage(context, source, input, files);
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      if (record.type !== InteractionType.ApplicationCommandAutocomplete) throw badType();
      return undefined;
    case InteractionResponseType.Modal:
      if (record.type === InteractionType.ModalSubmit || record.type === InteractionType.ApplicationCommandAutocomplete)
        throw badType();
      record.modal = data;
      return undefined;
    default:
      throw badType();
  }
}

export function answerCallback(
  context: FakeContext,
  record: InteractionRecord,
  body: unknown,
  files: UploadedFile[],
  withResponse: boolean,
): RestReply {
  const parsed = Callback.safeParse(body);
  if (!parsed.success)
    throw invalidFormBody([{ path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  if (record.callbacks.length > 0) throw discordErrors.alreadyAcknowledged();
  const { type, data } = parsed.data;
  const message = respond(context, record, type, data, files);
  if (message) record.originalMessageId = message.id;
  record.callbacks.push({ type, data, withResponse, at: Date.now() });
  context.changes.notify();
  if (!withResponse) return noContent();
  return json({
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? {
            response_message_id: message.id,
            response_message_loading: (message.flags & MessageFlags.Loading) !== 0,
            response_message_ephemeral: message.ephemeral,
          }
        : {}),
    },
    resource: { type, ...(message ? { message: messagePayload(context.state, message, { withMember: false }) } : {}) },
  });
}

export function findWebhookInteraction(context: FakeContext, applicationId: string, token: string): InteractionRecord {
  const record = context.state.interactionsByToken.get(token);
  if (!record || applicationId !== context.state.applicationId) throw discordErrors.unknownWebhook();
  return record;
}

export function webhookMessage(context: FakeContext, record: InteractionRecord, messageId: string): StoredMessage {
  const id = messageId === '@original' ? record.originalMessageId : messageId;
  const ownIds = [record.originalMessageId, ...record.followUpIds];
  const message = id && ownIds.includes(id) ? context.state.messages.get(id) : undefined;
  if (!message || message.deleted) throw discordErrors.unknownMessage();
  return message;
}

/** The first follow-up after a defer fills the "thinking..." message, keeping its ephemeral state, as Discord does. */
export function followUp(
  context: FakeContext,
  record: InteractionRecord,
  body: unknown,
  files: UploadedFile[],
): StoredMessage {
  if (record.callbacks.length === 0) throw discordErrors.unknownWebhook();
  const input = parseMessageInput(body);
  validateMessageInput(input, files.length);
  const original = record.originalMessageId ? context.state.messages.get(record.originalMessageId) : undefined;
  if (original && !original.deleted && (original.flags & MessageFlags.Loading) !== 0) {
    // Only the v2 flag carries over: the placeholder's ephemeral state was fixed when it was deferred.
    return editMessage(
      context,
      original,
      { ...input, flags: (input.flags ?? 0) & MessageFlags.IsComponentsV2 || undefined },
      files,
    );
  }
  const message = createMessage(context, {
    channel: requireChannel(context.state, record.channelId),
    authorId: context.state.botUserId,
    input: { ...input, message_reference: null },
    files,
    webhookId: context.state.applicationId,
    interactionId: record.id,
  });
  record.followUpIds.push(message.id);
  context.changes.notify();
  return message;
}
