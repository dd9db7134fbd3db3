// Application command registration, global and per guild: bulk overwrite (ids kept per name, as Discord does),
// create, fetch, edit, delete; every bulk overwrite is logged so tests can see when a bot registered.
import { z } from 'zod';
import type { APIApplicationCommand } from 'discord.js';
import type { FakeContext } from '../context.ts';
import { requireGuild } from '../lookups.ts';
import { discordErrors, invalidFormBody, type FieldError } from '../rest-error.ts';
import { json, noContent, type RestRequest, type Route } from '../rest-types.ts';

const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;
const CommandOption: z.ZodType<{ name: string; description?: string; required?: boolean; options?: unknown[] }> =
  z.looseObject({
    type: z.number().int(),
    name: z.string(),
    description: z.string().optional(),
    required: z.boolean().optional(),
    options: z.array(z.lazy(() => CommandOption)).optional(),
  });
const CommandBody = z.looseObject({
  name: z.string(),
  type: z.number().int().optional(),
  description: z.string().optional(),
  options: z.array(CommandOption).optional(),
  default_member_permissions: z.string().nullish(),
});
type CommandBody = z.infer<typeof CommandBody>;

function checkCommand(body: unknown, path: Array<string | number>): CommandBody {
  const parsed = CommandBody.safeParse(body);
  if (!parsed.success) throw invalidFormBody([{ path, code: 'BASE_TYPE_INVALID', message: parsed.error.message }]);
  const command = parsed.data;
  const errors: FieldError[] = [];
  const chatInput = (command.type ?? 1) === 1;
  if (!NAME.test(command.name) || (chatInput && command.name !== command.name.toLowerCase())) {
    errors.push({
      path: [...path, 'name'],
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: 'Command name is invalid',
    });
  }
  if (chatInput && !(command.description && command.description.length <= 100)) {
    errors.push({
      path: [...path, 'description'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 100 in length.',
    });
  }
  const options = command.options ?? [];
  if (options.length > 25)
    errors.push({
      path: [...path, 'options'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 25 or fewer in length.',
    });
  const firstOptional = options.findIndex((option) => !option.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((option) => option.required)) {
    errors.push({
      path: [...path, 'options'],
      code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
      message: 'Required options must be placed before non-required options',
    });
  }
  if (errors.length > 0) throw invalidFormBody(errors);
  return command;
}

export function commandRoutes(context: FakeContext): Route[] {
  const { state } = context;
  const listFor = (guildId: string | null): APIApplicationCommand[] =>
    guildId === null ? state.globalCommands : (state.guildCommands.get(guildId) ?? []);
  const store = (guildId: string | null, commands: APIApplicationCommand[]): void => {
    if (guildId === null) state.globalCommands = commands;
    else state.guildCommands.set(guildId, commands);
    context.changes.notify();
  };
  const scope = ({ params }: RestRequest): string | null => {
    if (params.applicationId !== state.applicationId) throw discordErrors.unknownApplication();
    return params.guildId ? requireGuild(state, params.guildId).id : null;
  };
  const build = (guildId: string | null, body: CommandBody, previous?: APIApplicationCommand): APIApplicationCommand =>
    ({
      ...body,
      type: body.type ?? 1,
      description: body.description ?? '',
      default_member_permissions: body.default_member_permissions ?? null,
      id: previous?.id ?? context.ids.next(),
      application_id: state.applicationId,
      version: context.ids.next(),
      ...(guildId ? { guild_id: guildId } : {}),
    }) as APIApplicationCommand;
  const find = (request: RestRequest, guildId: string | null): APIApplicationCommand => {
    const command = listFor(guildId).find((candidate) => candidate.id === request.params.commandId);
    if (!command) throw discordErrors.unknownCommand();
    return command;
  };

  const routes: Route[] = [];
  for (const base of [
    '/applications/:applicationId/commands',
    '/applications/:applicationId/guilds/:guildId/commands',
  ]) {
    routes.push(
      { method: 'GET', pattern: base, auth: true, handle: (request) => json(listFor(scope(request))) },
      {
        method: 'PUT',
        pattern: base,
        auth: true,
        handle: (request) => {
          const guildId = scope(request);
          if (!Array.isArray(request.body))
            throw invalidFormBody([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array' }]);
          const bodies = request.body.map((body, index) => checkCommand(body, [index]));
          const previous = listFor(guildId);
          const commands = bodies.map((body) =>
            build(
              guildId,
              body,
              previous.find((old) => old.name === body.name && old.type === (body.type ?? 1)),
            ),
          );
          state.commandRegistrations.push({ guildId, names: commands.map((command) => command.name), at: Date.now() });
          store(guildId, commands);
          return json(commands);
        },
      },
      {
        method: 'POST',
        pattern: base,
        auth: true,
        handle: (request) => {
          const guildId = scope(request);
          const body = checkCommand(request.body, []);
          const previous = listFor(guildId).find((old) => old.name === body.name && old.type === (body.type ?? 1));
          const command = build(guildId, body, previous);
          store(guildId, [...listFor(guildId).filter((old) => old !== previous), command]);
          return json(command, previous ? 200 : 201);
        },
      },
      {
        method: 'GET',
        pattern: `${base}/:commandId`,
        auth: true,
        handle: (request) => json(find(request, scope(request))),
      },
      {
        method: 'PATCH',
        pattern: `${base}/:commandId`,
        auth: true,
        handle: (request) => {
          const guildId = scope(request);
          const old = find(request, guildId);
          const command = build(guildId, checkCommand({ ...old, ...(request.body as object) }, []), old);
          store(
            guildId,
            listFor(guildId).map((candidate) => (candidate === old ? command : candidate)),
          );
          return json(command);
        },
      },
      {
        method: 'DELETE',
        pattern: `${base}/:commandId`,
        auth: true,
        handle: (request) => {
          const guildId = scope(request);
          const old = find(request, guildId);
          store(
            guildId,
            listFor(guildId).filter((candidate) => candidate !== old),
          );
          return noContent();
        },
      },
    );
  }
  return routes;
}
