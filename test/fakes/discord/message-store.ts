// Creating, editing and deleting messages in the fake's world, for bots (REST, interactions) and test users alike:
// stores every version, works out who gets pinged, and dispatches the matching gateway events.
import { MessageFlags, MessageType } from 'discord.js';
import type { FakeContext } from './context.ts';
import { nowIso } from './context.ts';
import { messageCreateEvent, messageDeleteEvent, messageUpdateEvent } from './events.ts';
import type { AllowedMentions, MessageInput } from './message-input.ts';
import { discordErrors } from './rest-error.ts';
import type { UploadedFile } from './rest-types.ts';
import type { FakeChannel, StoredAttachment, StoredMessage } from './state.ts';

function pingsOf(
  context: FakeContext,
  content: string,
  allowed: AllowedMentions | null | undefined,
  repliedUserId: string | null,
  extra: string[] = [],
) {
  const unique = (pattern: RegExp): string[] => [
    ...new Set([...content.matchAll(pattern)].map((match) => match[1] ?? '')),
  ];
  const userIds = [...new Set([...unique(/<@!?(\d{15,21})>/g), ...extra])].filter((id) => context.state.users.has(id));
  const roleIds = unique(/<@&(\d{15,21})>/g);
  const everyone = /@(everyone|here)\b/.test(content);
  if (!allowed)
    return { users: [...new Set([...userIds, ...(repliedUserId ? [repliedUserId] : [])])], roles: roleIds, everyone };
  const parse = allowed.parse ?? [];
  const users = userIds.filter((id) => parse.includes('users') || (allowed.users ?? []).includes(id));
  if (repliedUserId && allowed.replied_user === true && !users.includes(repliedUserId)) users.push(repliedUserId);
  return {
    users,
    roles: roleIds.filter((id) => parse.includes('roles') || (allowed.roles ?? []).includes(id)),
    everyone: everyone && parse.includes('everyone'),
  };
}

export function storeAttachment(
  context: FakeContext,
  channelId: string,
  file: UploadedFile,
  description: string | null,
  filename?: string,
): StoredAttachment {
  const id = context.ids.next();
  const name = filename ?? file.filename;
  return {
    id,
    filename: name,
    contentType: file.contentType,
    size: file.bytes.length,
    description,
    bytes: file.bytes,
    url: `${context.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(name)}`,
    get text() {
      return this.bytes.toString('utf8');
    },
  };
}

/** Body `attachments` lists what to keep (existing ids) and metadata for new files (ids are files[n] indexes). */
function resolveAttachments(
  context: FakeContext,
  channelId: string,
  input: MessageInput,
  files: UploadedFile[],
  existing: StoredAttachment[],
): StoredAttachment[] {
  if (!input.attachments) {
    return [...existing, ...files.map((file) => storeAttachment(context, channelId, file, null))];
  }
  return input.attachments.flatMap((entry) => {
    const kept = existing.find((attachment) => attachment.id === String(entry.id));
    if (kept) return [kept];
    const file = files.find((candidate) => String(candidate.index) === String(entry.id));
    return file ? [storeAttachment(context, channelId, file, entry.description ?? null, entry.filename)] : [];
  });
}

const isEmpty = (message: Pick<StoredMessage, 'content' | 'embeds' | 'components' | 'attachments'>): boolean =>
  message.content === '' &&
  message.embeds.length === 0 &&
  message.components.length === 0 &&
  message.attachments.length === 0;

export interface NewMessage {
  channel: FakeChannel;
  authorId: string;
  input: MessageInput;
  files?: UploadedFile[];
  type?: MessageType;
  webhookId?: string | null;
  interactionId?: string | null;
  /** Extra flags Discord sets itself, e.g. Loading on a deferred reply. */
  systemFlags?: number;
  /** Users pinged beyond those mentioned in the content (test users' messages only). */
  extraPings?: string[];
}

export function createMessage(context: FakeContext, spec: NewMessage): StoredMessage {
  const { state } = context;
  const { channel, input } = spec;
  const reference = input.message_reference ? state.messages.get(input.message_reference.message_id) : undefined;
  const at = nowIso();
  const flags =
    ((input.flags ?? 0) &
      (MessageFlags.Ephemeral |
        MessageFlags.SuppressEmbeds |
        MessageFlags.SuppressNotifications |
        MessageFlags.IsComponentsV2)) |
    (spec.systemFlags ?? 0);
  const message: StoredMessage = {
    id: context.ids.next(),
    channelId: channel.id,
    guildId: channel.guildId,
    authorId: spec.authorId,
    type: spec.type ?? (reference ? MessageType.Reply : MessageType.Default),
    createdAt: at,
    editedAt: null,
    deleted: false,
    ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
    tts: input.tts ?? false,
    nonce: input.nonce ?? null,
    content: input.content ?? '',
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    flags,
    at,
    attachments: resolveAttachments(context, channel.id, input, spec.files ?? [], []),
    allowedMentions: input.allowed_mentions ?? undefined,
    pinged: pingsOf(context, input.content ?? '', input.allowed_mentions, reference?.authorId ?? null, spec.extraPings),
    reference: reference
      ? { messageId: reference.id, channelId: reference.channelId, guildId: reference.guildId }
      : null,
    webhookId: spec.webhookId ?? null,
    interactionId: spec.interactionId ?? null,
    versions: [],
    reactions: new Map(),
  };
  if (isEmpty(message) && (flags & MessageFlags.Loading) === 0) throw discordErrors.emptyMessage();
  message.versions.push(versionOf(message));
  state.messages.set(message.id, message);
  if (!message.ephemeral) {
    const list = state.channelMessages.get(channel.id) ?? [];
    list.push(message);
    state.channelMessages.set(channel.id, list);
    channel.lastMessageId = message.id;
    context.dispatch(messageCreateEvent(state, message));
  }
  context.changes.notify();
  return message;
}

const versionOf = (message: StoredMessage) => ({
  content: message.content,
  embeds: message.embeds,
  components: message.components,
  attachments: message.attachments,
  flags: message.flags,
  at: message.editedAt ?? message.createdAt,
});

export function editMessage(
  context: FakeContext,
  message: StoredMessage,
  input: MessageInput,
  files: UploadedFile[] = [],
): StoredMessage {
  const next = {
    content: input.content === undefined ? message.content : (input.content ?? ''),
    embeds: input.embeds === undefined ? message.embeds : (input.embeds ?? []),
    components: input.components === undefined ? message.components : (input.components ?? []),
    attachments: resolveAttachments(context, message.channelId, input, files, message.attachments),
  };
  if (isEmpty(next)) throw discordErrors.emptyMessage();
  Object.assign(message, next);
  const editable = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
  const requested =
    input.flags === undefined || input.flags === null ? message.flags & editable : input.flags & editable;
  message.flags = (message.flags & ~editable & ~MessageFlags.Loading) | requested;
  message.editedAt = nowIso();
  if (input.allowed_mentions !== undefined) message.allowedMentions = input.allowed_mentions ?? undefined;
  const replied = message.reference
    ? (context.state.messages.get(message.reference.messageId)?.authorId ?? null)
    : null;
  message.pinged = pingsOf(context, message.content, message.allowedMentions as AllowedMentions | undefined, replied);
  message.versions.push(versionOf(message));
  if (!message.ephemeral) context.dispatch(messageUpdateEvent(context.state, message));
  context.changes.notify();
  return message;
}

export function deleteMessage(context: FakeContext, message: StoredMessage): void {
  message.deleted = true;
  const list = context.state.channelMessages.get(message.channelId);
  const index = list?.indexOf(message) ?? -1;
  if (list && index >= 0) list.splice(index, 1);
  if (!message.ephemeral) context.dispatch(messageDeleteEvent(message));
  context.changes.notify();
}
