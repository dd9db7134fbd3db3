// Gateway discovery, users, DMs, guilds, members and the application itself.
import { z } from 'zod';
import type { FakeContext } from '../context.ts';
import { ensureDmChannel } from '../dm-channel.ts';
import { requireGuild } from '../lookups.ts';
import { channelPayload, guildPayload, memberPayload, userPayload } from '../payloads.ts';
import { discordErrors, invalidFormBody } from '../rest-error.ts';
import { json, type Route } from '../rest-types.ts';
import { compareSnowflakes } from '../snowflake.ts';

const OpenDm = z.object({ recipient_id: z.string() });

export function applicationPayload(context: FakeContext) {
  const { state } = context;
  return {
    id: state.applicationId,
    name: state.users.get(state.botUserId)?.username ?? 'bot',
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: userPayload(state, [...state.guilds.values()][0]?.ownerId ?? state.botUserId),
    bot: userPayload(state, state.botUserId),
    summary: '',
    tags: [],
    install_params: undefined,
    approximate_guild_count: state.guilds.size,
    interactions_endpoint_url: null,
    redirect_uris: [],
  };
}

export function userGuildRoutes(context: FakeContext): Route[] {
  const { state } = context;
  const gateway = () => ({ url: context.baseUrl.replace(/^http/, 'ws') + '/gateway' });
  return [
    { method: 'GET', pattern: '/gateway', auth: false, handle: () => json(gateway()) },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      auth: true,
      handle: () =>
        json({
          ...gateway(),
          shards: context.settings.recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        }),
    },
    { method: 'GET', pattern: '/users/@me', auth: true, handle: () => json(userPayload(state, state.botUserId)) },
    {
      method: 'POST',
      pattern: '/users/@me/channels',
      auth: true,
      handle: ({ body }) => {
        const parsed = OpenDm.safeParse(body);
        if (!parsed.success)
          throw invalidFormBody([
            { path: ['recipient_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
          ]);
        if (!state.users.has(parsed.data.recipient_id)) throw discordErrors.unknownUser();
        return json(channelPayload(state, ensureDmChannel(context, parsed.data.recipient_id)));
      },
    },
    // The bot's guilds, oldest first, paged with `after` and `limit` (1-200, default 200) as on Discord.
    {
      method: 'GET',
      pattern: '/users/@me/guilds',
      auth: true,
      handle: ({ query }) => {
        const after = query.get('after');
        const limit = Math.min(Math.max(Number(query.get('limit') ?? 200) || 200, 1), 200);
        const guilds = [...state.guilds.values()]
          .filter(
            (guild) => guild.members.has(state.botUserId) && (after === null || compareSnowflakes(guild.id, after) > 0),
          )
          .sort((left, right) => compareSnowflakes(left.id, right.id))
          .slice(0, limit);
        return json(
          guilds.map((guild) => ({
            id: guild.id,
            name: guild.name,
            icon: null,
            owner: false,
            permissions: '0',
            features: [],
          })),
        );
      },
    },
    {
      method: 'GET',
      pattern: '/users/:userId',
      auth: true,
      handle: ({ params }) => {
        if (!state.users.has(params.userId ?? '')) throw discordErrors.unknownUser();
        return json(userPayload(state, params.userId ?? ''));
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId',
      auth: true,
      handle: ({ params, query }) => {
        const guild = requireGuild(state, params.guildId ?? '');
        const counts =
          query.get('with_counts') === 'true'
            ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 }
            : {};
        return json({ ...guildPayload(guild), ...counts });
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/channels',
      auth: true,
      handle: ({ params }) => {
        const guild = requireGuild(state, params.guildId ?? '');
        return json(
          guild.channelIds.flatMap((id) => {
            const channel = state.channels.get(id);
            return channel ? [channelPayload(state, channel)] : [];
          }),
        );
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/roles',
      auth: true,
      handle: ({ params }) => json([...requireGuild(state, params.guildId ?? '').roles.values()]),
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/members/:userId',
      auth: true,
      handle: ({ params }) => {
        const member = requireGuild(state, params.guildId ?? '').members.get(params.userId ?? '');
        if (!member) throw discordErrors.unknownMember();
        return json(memberPayload(state, member));
      },
    },
    { method: 'GET', pattern: '/applications/@me', auth: true, handle: () => json(applicationPayload(context)) },
    { method: 'GET', pattern: '/oauth2/applications/@me', auth: true, handle: () => json(applicationPayload(context)) },
  ];
}
