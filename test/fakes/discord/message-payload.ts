// A stored message as API v10 sends it: author, member (gateway only), pings, attachments, reactions with `me`
// from the bot's point of view, reply references, and the interaction it answers.
import { InteractionType, MessageType } from 'discord.js';
import type { APIAttachment, APIMessage, APIReaction, APIUser } from 'discord.js';
import { memberWithoutUser, userPayload } from './payloads.ts';
import type { DiscordState, StoredAttachment, StoredMessage } from './state.ts';

export function attachmentPayload(attachment: StoredAttachment): APIAttachment {
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    url: attachment.url,
    proxy_url: attachment.url,
    content_type: attachment.contentType,
    ...(attachment.description === null ? {} : { description: attachment.description }),
  };
}

function reactionsPayload(state: DiscordState, message: StoredMessage): APIReaction[] {
  return [...message.reactions.values()]
    .filter((reaction) => reaction.userIds.size > 0)
    .map((reaction) => ({
      emoji: reaction.emoji,
      count: reaction.userIds.size,
      count_details: { burst: 0, normal: reaction.userIds.size },
      me: reaction.userIds.has(state.botUserId),
      me_burst: false,
      burst_colors: [],
    }));
}

function mentionedUser(state: DiscordState, message: StoredMessage, userId: string): APIUser {
  const member = message.guildId ? state.guilds.get(message.guildId)?.members.get(userId) : undefined;
  const user = userPayload(state, userId);
  return member ? ({ ...user, member: memberWithoutUser(state, member) } as APIUser) : user;
}

export interface MessagePayloadOptions {
  /** Gateway events carry the author's guild member; REST answers do not. */
  withMember: boolean;
  withReferenced?: boolean;
}

export function messagePayload(
  state: DiscordState,
  message: StoredMessage,
  options: MessagePayloadOptions,
): APIMessage {
  const member =
    message.guildId && !message.webhookId
      ? state.guilds.get(message.guildId)?.members.get(message.authorId)
      : undefined;
  const referenced =
    message.reference && options.withReferenced !== false ? state.messages.get(message.reference.messageId) : undefined;
  const interaction = message.interactionId ? state.interactions.get(message.interactionId) : undefined;
  const payload: APIMessage = {
    id: message.id,
    channel_id: message.channelId,
    author: userPayload(state, message.authorId),
    content: message.content,
    timestamp: message.createdAt,
    edited_timestamp: message.editedAt,
    tts: message.tts,
    mention_everyone: message.pinged.everyone,
    mentions: message.pinged.users.map((id) => mentionedUser(state, message, id)),
    mention_roles: [...message.pinged.roles],
    attachments: message.attachments.map(attachmentPayload),
    embeds: message.embeds,
    pinned: false,
    type: message.type,
    flags: message.flags,
    components: message.components,
  };
  const extra: Partial<APIMessage> & { guild_id?: string; member?: unknown } = {};
  if (message.guildId) extra.guild_id = message.guildId;
  if (member && options.withMember) extra.member = memberWithoutUser(state, member);
  const reactions = reactionsPayload(state, message);
  if (reactions.length > 0) extra.reactions = reactions;
  if (message.nonce !== null) extra.nonce = message.nonce;
  if (message.webhookId) Object.assign(extra, { webhook_id: message.webhookId, application_id: state.applicationId });
  if (message.reference) {
    extra.message_reference = {
      type: 0,
      message_id: message.reference.messageId,
      channel_id: message.reference.channelId,
      ...(message.reference.guildId ? { guild_id: message.reference.guildId } : {}),
    };
    if (message.type === MessageType.Reply) {
      extra.referenced_message =
        referenced && !referenced.deleted
          ? messagePayload(state, referenced, { withMember: false, withReferenced: false })
          : null;
    }
  }
  if (interaction) {
    const user = userPayload(state, interaction.userId);
    const guildInstall =
      interaction.guildId !== null && state.guilds.get(interaction.guildId)?.members.has(state.botUserId) === true;
    const owners = guildInstall && interaction.guildId ? { '0': interaction.guildId } : { '1': interaction.userId };
    extra.interaction_metadata =
      interaction.type === InteractionType.MessageComponent
        ? {
            id: interaction.id,
            type: InteractionType.MessageComponent,
            user,
            authorizing_integration_owners: owners,
            interacted_message_id: interaction.sourceMessageId ?? message.id,
          }
        : {
            id: interaction.id,
            type: InteractionType.ApplicationCommand,
            user,
            authorizing_integration_owners: owners,
            ...(interaction.originalMessageId ? { original_response_message_id: interaction.originalMessageId } : {}),
          };
  }
  return { ...payload, ...extra } as APIMessage;
}
