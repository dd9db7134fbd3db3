// What test users do with the bot's app: run a slash command, click a button, pick from a select menu, submit a
// modal. Each builds the payload Discord would send, dispatches INTERACTION_CREATE and returns a handle.
import { randomBytes } from 'node:crypto';
import { ApplicationCommandType, ApplicationIntegrationType, ComponentType, InteractionType } from 'discord.js';
import type { APIInteraction } from 'discord.js';
import type { FakeContext } from './context.ts';
import { ensureDmChannel } from './dm-channel.ts';
import { interactionCreateEvent } from './events.ts';
import { interactionHandle, type InteractionHandle } from './interaction-handle.ts';
import { interactionBase, type InteractionOrigin } from './interaction-payloads.ts';
import { messagePayload } from './message-payload.ts';
import type { PermissionName } from './permissions.ts';
import { slashOptions, type SlashCommandPath } from './slash-options.ts';
import type { FakeChannel, InteractionRecord, StoredMessage } from './state.ts';
import { requireSession } from './user-actions.ts';

export interface SlashCommandSpec extends SlashCommandPath {
  userId: string;
  /** null runs it in the user's DM with the bot; otherwise a guild (its first channel unless channelId says). */
  guildId?: string | null;
  channelId?: string;
  memberPermissions?: PermissionName[];
}

export interface ComponentSpec {
  userId: string;
  messageId: string;
  /** Checked against the message's channel when given. */
  channelId?: string;
  customId: string;
  memberPermissions?: PermissionName[];
}

function start(
  context: FakeContext,
  type: InteractionType,
  origin: InteractionOrigin,
  data: object,
  source?: StoredMessage,
): InteractionHandle {
  requireSession(context);
  const id = context.ids.next();
  const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`;
  const payload = {
    ...interactionBase(context, origin, id, token),
    type,
    data,
    ...(source ? { message: messagePayload(context.state, source, { withMember: false }) } : {}),
  } as APIInteraction;
  const record: InteractionRecord = {
    id,
    token,
    type,
    payload,
    userId: origin.userId,
    channelId: origin.channel.id,
    guildId: origin.channel.guildId,
    createdAt: Date.now(),
    callbacks: [],
    originalMessageId: null,
    sourceMessageId: source?.id ?? null,
    followUpIds: [],
    modal: undefined,
  };
  context.state.interactions.set(id, record);
  context.state.interactionsByToken.set(token, record);
  context.dispatch(interactionCreateEvent(payload));
  context.changes.notify();
  return interactionHandle(context, record);
}

export function runSlashCommand(
  context: FakeContext,
  spec: SlashCommandSpec,
  defaultGuildId: string,
): InteractionHandle {
  const { state } = context;
  let channel: FakeChannel | undefined;
  if (spec.channelId) channel = state.channels.get(spec.channelId);
  else if (spec.guildId === null) channel = ensureDmChannel(context, spec.userId);
  else channel = state.channels.get(state.guilds.get(spec.guildId ?? defaultGuildId)?.channelIds[0] ?? '');
  if (!channel) throw new Error(`fake discord: no channel to run /${spec.name} in`);
  const guildCommand = channel.guildId
    ? state.guildCommands.get(channel.guildId)?.find((command) => command.name === spec.name)
    : undefined;
  const command =
    guildCommand ??
    state.globalCommands.find(
      (command) => command.name === spec.name && (command.type ?? 1) === ApplicationCommandType.ChatInput,
    );
  // In a server the bot is not in, Discord offers only global commands the app registered as user-installable.
  const botAbsent = channel.guildId !== null && !state.guilds.get(channel.guildId)?.members.has(state.botUserId);
  if (
    botAbsent &&
    !(guildCommand === undefined && (command?.integration_types ?? []).includes(ApplicationIntegrationType.UserInstall))
  ) {
    throw new Error(
      `fake discord: /${spec.name} is not a global user-installable command, so Discord would not offer it in a server without the bot`,
    );
  }
  const { options, resolved } = slashOptions(state, channel.guildId, command, spec);
  return start(
    context,
    InteractionType.ApplicationCommand,
    { userId: spec.userId, channel, memberPermissions: spec.memberPermissions },
    {
      id: command?.id ?? context.ids.next(),
      name: spec.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(resolved ? { resolved } : {}),
      ...(guildCommand ? { guild_id: channel.guildId } : {}),
    },
  );
}

type ComponentNode = {
  type: number;
  custom_id?: string;
  disabled?: boolean;
  components?: ComponentNode[];
  accessory?: ComponentNode;
  component?: ComponentNode;
};

function findComponent(nodes: readonly ComponentNode[], customId: string): ComponentNode | undefined {
  for (const node of nodes) {
    if (node.custom_id === customId) return node;
    const children = [
      ...(node.components ?? []),
      ...(node.accessory ? [node.accessory] : []),
      ...(node.component ? [node.component] : []),
    ];
    const found = findComponent(children, customId);
    if (found) return found;
  }
  return undefined;
}

export function useComponent(context: FakeContext, spec: ComponentSpec, values?: string[]): InteractionHandle {
  const message = context.state.messages.get(spec.messageId);
  const channel = message ? context.state.channels.get(message.channelId) : undefined;
  if (!message || message.deleted || !channel)
    throw new Error(`fake discord: no message ${spec.messageId} to interact with`);
  if (spec.channelId && spec.channelId !== channel.id)
    throw new Error(`fake discord: message ${message.id} is not in channel ${spec.channelId}`);
  const component = findComponent(message.components as unknown as ComponentNode[], spec.customId);
  if (!component)
    throw new Error(`fake discord: message ${message.id} has no component with custom_id '${spec.customId}'`);
  if (component.disabled)
    throw new Error(`fake discord: component '${spec.customId}' is disabled, so a user cannot use it`);
  const isSelect = component.type !== ComponentType.Button;
  if (isSelect !== (values !== undefined))
    throw new Error(
      `fake discord: '${spec.customId}' is a ${isSelect ? 'select menu; pass values' : 'button; use clickButton'}`,
    );
  return start(
    context,
    InteractionType.MessageComponent,
    { userId: spec.userId, channel, memberPermissions: spec.memberPermissions },
    {
      custom_id: spec.customId,
      component_type: component.type,
      ...(values ? { values } : {}),
    },
    message,
  );
}

/** Answers the modal an earlier interaction showed, filling text inputs by custom_id. */
export function submitModal(
  context: FakeContext,
  shownBy: InteractionHandle,
  fields: Record<string, string>,
): InteractionHandle {
  const modal = shownBy.modal();
  const record = context.state.interactions.get(shownBy.id);
  const channel = record ? context.state.channels.get(record.channelId) : undefined;
  if (!modal || !record || !channel) throw new Error(`fake discord: interaction ${shownBy.id} showed no modal`);
  const fill = (node: ComponentNode): object => {
    if (node.components) return { type: node.type, components: node.components.map(fill) };
    if (node.component) return { type: node.type, component: fill(node.component) };
    return { type: node.type, custom_id: node.custom_id, value: fields[node.custom_id ?? ''] ?? '' };
  };
  const source = record.sourceMessageId ? context.state.messages.get(record.sourceMessageId) : undefined;
  return start(
    context,
    InteractionType.ModalSubmit,
    { userId: record.userId, channel },
    {
      custom_id: modal.custom_id,
      components: (modal.components as unknown as ComponentNode[]).map(fill),
    },
    source,
  );
}
