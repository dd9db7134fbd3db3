// /config (Manage Server only): this server's chat pipeline, /compare set, per-pipeline model, threads default,
// per-user comparison rate, daily model budget, daily vote cap and whether its comparisons are published. Stored per
// server; `/config show` lists the effective values.
import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, InteractionContextType } from 'discord.js';
import { defineCommand } from '../src/bot/command.js';
import { checkRange, normalizePipelineId, type OptionRange, parsePipelineList } from '../src/bot/parse-request.js';
import { requireManageServer } from '../src/bot/require-manage-server.js';
import { suggestPipelines } from '../src/bot/suggest-pipelines.js';
import type { GuildConfig } from '../src/records/guild-config.js';
import { renderConfigSummary } from '../src/render/discord/config-summary.js';

// One range per number option: declared to Discord by the builder and checked again on arrival.
const COMPARES_PER_HOUR: OptionRange = { min: 0, max: 1000, zero: 'unlimited' };
const ANSWERS_PER_HOUR: OptionRange = { min: 0, max: 10_000, zero: 'unlimited' };
const USD_PER_DAY: OptionRange = { min: 0, max: 10_000, zero: 'no cap' };
const VOTES_PER_DAY: OptionRange = { min: 0, max: 10_000, zero: 'no cap' };

export default defineCommand({
  data: new SlashCommandBuilder()
    .setName('config')
    .setDescription('Server settings for this bot (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) => sub.setName('show').setDescription('Show this server’s settings'))
    .addSubcommand((sub) =>
      sub.setName('default-pipeline').setDescription('Pipeline for chat and /ask')
        .addStringOption((option) => option.setName('pipeline').setDescription('Pipeline id, e.g. cot').setRequired(true).setAutocomplete(true)))
    .addSubcommand((sub) =>
      sub.setName('compare-pipelines').setDescription('Pipelines /compare uses by default')
        .addStringOption((option) => option.setName('pipelines').setDescription('Comma-separated ids, e.g. "plain, cot, rules, constitution"').setRequired(true)))
    .addSubcommand((sub) =>
      sub.setName('model').setDescription('Use another generator model for one pipeline on this server')
        .addStringOption((option) => option.setName('pipeline').setDescription('Pipeline id').setRequired(true).setAutocomplete(true))
        .addStringOption((option) => option.setName('model').setDescription('Model name as the server knows it, or "default" to clear').setRequired(true).setMaxLength(100)))
    .addSubcommand((sub) =>
      sub.setName('threads').setDescription('Whether chat mentions and /ask continue in a new thread by default')
        .addBooleanOption((option) => option.setName('on').setDescription('true: open a thread for each conversation').setRequired(true)))
    .addSubcommand((sub) =>
      sub.setName('rate-limit').setDescription('How much each member may ask per hour')
        .addIntegerOption((option) => option.setName('per-hour').setDescription('/compare runs per hour; 0 = unlimited').setRequired(true).setMinValue(COMPARES_PER_HOUR.min).setMaxValue(COMPARES_PER_HOUR.max))
        .addIntegerOption((option) => option.setName('answers-per-hour').setDescription('chat answers and /ask per hour; 0 = unlimited').setMinValue(ANSWERS_PER_HOUR.min).setMaxValue(ANSWERS_PER_HOUR.max)))
    .addSubcommand((sub) =>
      sub.setName('cost-cap').setDescription('Daily model budget for this server, in USD')
        .addNumberOption((option) => option.setName('usd-per-day').setDescription('0 = no cap').setRequired(true).setMinValue(USD_PER_DAY.min).setMaxValue(USD_PER_DAY.max)))
    .addSubcommand((sub) =>
      sub.setName('vote-cap').setDescription('Comparisons each member may vote on per day before further votes are left out of the ratings')
        .addIntegerOption((option) => option.setName('votes-per-day').setDescription('0 = no cap').setRequired(true).setMinValue(VOTES_PER_DAY.min).setMaxValue(VOTES_PER_DAY.max)))
    .addSubcommand((sub) =>
      sub.setName('publish').setDescription('Whether this server’s voted comparisons appear on the public leaderboard page and its dataset')
        .addStringOption((option) => option.setName('state').setDescription('on: publish (personal details filtered out); off: keep private (default)').setRequired(true)
          .addChoices({ name: 'on', value: 'on' }, { name: 'off', value: 'off' }))),
  async autocomplete(interaction, services) {
    await interaction.respond(suggestPipelines(services.engine, interaction.options.getFocused()));
  },
  async execute(interaction, services) {
    const guildId = requireManageServer(interaction);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
    const options = interaction.options;
    const change = (update: (current: GuildConfig) => GuildConfig) => services.guildConfig.update(guildId, update);
    switch (options.getSubcommand()) {
      case 'default-pipeline': {
        const pipeline = services.engine.pipeline(normalizePipelineId(options.getString('pipeline', true))).id;
        await change((current) => ({ ...current, defaultPipeline: pipeline }));
        break;
      }
      case 'compare-pipelines': {
        const pipelines = parsePipelineList(options.getString('pipelines', true), services.engine);
        await change((current) => ({ ...current, comparePipelines: pipelines }));
        break;
      }
      case 'model': {
        const pipeline = services.engine.pipeline(normalizePipelineId(options.getString('pipeline', true))).id;
        const model = options.getString('model', true).trim();
        await change((current) => {
          const modelOverrides = { ...current.modelOverrides };
          if (model === '' || model === 'default') delete modelOverrides[pipeline];
          else modelOverrides[pipeline] = model;
          return { ...current, modelOverrides };
        });
        break;
      }
      case 'threads': {
        const threads = options.getBoolean('on', true);
        await change((current) => ({ ...current, threads }));
        break;
      }
      case 'rate-limit': {
        const perHour = checkRange('per-hour', options.getInteger('per-hour', true), COMPARES_PER_HOUR);
        const answers = options.getInteger('answers-per-hour');
        const answersPerHour = answers === null ? undefined : checkRange('answers-per-hour', answers, ANSWERS_PER_HOUR);
        await change((current) => ({ ...current, comparesPerHour: perHour, ...(answersPerHour === undefined ? {} : { answersPerHour }) }));
        break;
      }
      case 'cost-cap': {
        const usd = checkRange('usd-per-day', options.getNumber('usd-per-day', true), USD_PER_DAY);
        await change((current) => ({ ...current, dailyCostCapUsd: usd }));
        break;
      }
      case 'publish': {
        const publish = options.getString('state', true) === 'on';
        await change((current) => ({ ...current, publish }));
        break;
      }
      case 'vote-cap': {
        const votesPerDay = checkRange('votes-per-day', options.getInteger('votes-per-day', true), VOTES_PER_DAY);
        await change((current) => ({ ...current, votesPerDay }));
        break;
      }
    }
    const [effective, stored, spent] = await Promise.all([
      services.guildConfig.get(guildId),
      services.guildConfig.stored(guildId),
      services.limits.spentToday(guildId),
    ]);
    const saved = options.getSubcommand() === 'show' ? '' : '✅ Saved.\n';
    await interaction.editReply({ content: saved + renderConfigSummary(effective, stored, { spentUsd: spent.usd, spentIncomplete: spent.incomplete }) });
  },
});
