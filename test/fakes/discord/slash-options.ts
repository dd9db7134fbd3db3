// Turns a test's { prompt: 'hi', rounds: 2 } into the typed options and `resolved` data Discord would send,
// following the registered command's option types (so a NUMBER option given 2 arrives as a number, not an integer).
import { ApplicationCommandOptionType } from 'discord.js';
import type { APIApplicationCommand, APIApplicationCommandOption, APIInteractionDataResolved } from 'discord.js';
import { attachmentPayload } from './message-payload.ts';
import { memberWithoutUser, userPayload } from './payloads.ts';
import type { DiscordState } from './state.ts';

export type SlashOptionValue = string | number | boolean;

export interface SlashCommandPath {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, SlashOptionValue>;
}

interface OptionOut {
  name: string;
  type: ApplicationCommandOptionType;
  value?: SlashOptionValue;
  options?: OptionOut[];
}

const inferType = (value: SlashOptionValue): ApplicationCommandOptionType =>
  typeof value === 'boolean'
    ? ApplicationCommandOptionType.Boolean
    : typeof value === 'string'
      ? ApplicationCommandOptionType.String
      : Number.isInteger(value)
        ? ApplicationCommandOptionType.Integer
        : ApplicationCommandOptionType.Number;

function resolveValue(
  state: DiscordState,
  guildId: string | null,
  type: ApplicationCommandOptionType,
  value: SlashOptionValue,
  resolved: APIInteractionDataResolved,
): void {
  const id = String(value);
  if (type === ApplicationCommandOptionType.User || type === ApplicationCommandOptionType.Mentionable) {
    if (!state.users.has(id)) return;
    (resolved.users ??= {})[id] = userPayload(state, id);
    const member = guildId ? state.guilds.get(guildId)?.members.get(id) : undefined;
    if (member) (resolved.members ??= {})[id] = { ...memberWithoutUser(state, member), permissions: '0' } as never;
  }
  if (type === ApplicationCommandOptionType.Role || type === ApplicationCommandOptionType.Mentionable) {
    const role = guildId ? state.guilds.get(guildId)?.roles.get(id) : undefined;
    if (role) (resolved.roles ??= {})[id] = role;
  }
  if (type === ApplicationCommandOptionType.Attachment) {
    const upload = state.uploads.get(id);
    if (!upload) throw new Error(`fake discord: no uploaded file ${id} (upload it with discord.uploadFile first)`);
    (resolved.attachments ??= {})[id] = attachmentPayload(upload);
  }
  if (type === ApplicationCommandOptionType.Channel) {
    const channel = state.channels.get(id);
    if (channel)
      (resolved.channels ??= {})[id] = { id, name: channel.name, type: channel.type, permissions: '0' } as never;
  }
}

function leafOptions(
  state: DiscordState,
  guildId: string | null,
  where: string,
  defs: APIApplicationCommandOption[] | undefined,
  given: Record<string, SlashOptionValue>,
  resolved: APIInteractionDataResolved,
): OptionOut[] {
  if (defs) {
    const unknown = Object.keys(given).filter((name) => !defs.some((def) => def.name === name));
    if (unknown.length > 0)
      throw new Error(
        `fake discord: ${where} has no option ${unknown.join(', ')} (registered: ${defs.map((def) => def.name).join(', ') || 'none'})`,
      );
    const missing = defs.filter((def) => 'required' in def && def.required && !(def.name in given));
    if (missing.length > 0)
      throw new Error(`fake discord: ${where} needs option ${missing.map((def) => def.name).join(', ')}`);
  }
  return Object.entries(given).map(([name, value]) => {
    const type = defs?.find((def) => def.name === name)?.type ?? inferType(value);
    resolveValue(state, guildId, type, value, resolved);
    return { name, type, value };
  });
}

function findDefs(
  options: APIApplicationCommandOption[] | undefined,
  name: string,
  type: ApplicationCommandOptionType,
) {
  const found = options?.find((option) => option.name === name && option.type === type);
  if (options && !found)
    throw new Error(
      `fake discord: no registered ${type === ApplicationCommandOptionType.Subcommand ? 'subcommand' : 'subcommand group'} '${name}'`,
    );
  return found && 'options' in found
    ? (found.options as APIApplicationCommandOption[] | undefined)
    : options
      ? []
      : undefined;
}

export function slashOptions(
  state: DiscordState,
  guildId: string | null,
  command: APIApplicationCommand | undefined,
  path: SlashCommandPath,
) {
  const resolved: APIInteractionDataResolved = {};
  let defs = command ? (command.options ?? []) : undefined;
  const wrap: Array<(inner: OptionOut[]) => OptionOut> = [];
  if (path.subcommandGroup) {
    const group = path.subcommandGroup;
    defs = findDefs(defs, group, ApplicationCommandOptionType.SubcommandGroup);
    wrap.push((inner) => ({ name: group, type: ApplicationCommandOptionType.SubcommandGroup, options: inner }));
  }
  if (path.subcommand) {
    const subcommand = path.subcommand;
    defs = findDefs(defs, subcommand, ApplicationCommandOptionType.Subcommand);
    wrap.push((inner) => ({ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: inner }));
  }
  let options = leafOptions(state, guildId, `/${path.name}`, defs, path.options ?? {}, resolved);
  for (const build of wrap.reverse()) options = [build(options)];
  return { options, resolved: Object.keys(resolved).length > 0 ? resolved : undefined };
}
