// /channel (Manage Server or Manage Channels): this channel's own pipeline, model and persona (system prompt)
// for chat and /ask, over the server's settings. Threads use their parent channel's.
import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.js';
import { requireChannelManager } from '../src/bot/require-channel-manager.js';
import { suggestPipelines } from '../src/bot/suggest-pipelines.js';
import { checkServedModel } from '../src/records/comparisons/compare-models.js';
import { type ChannelConfig, MODEL_NAME_MAX_LENGTH, PERSONA_MAX_LENGTH } from '../src/records/guild-config.js';
import { UserError } from '../src/base/user-error.js';
import { renderChannelSummary } from '../src/render/discord/config-summary.js';
import { normalizePipelineId } from '../src/bot/parse-request.js';

const CLEAR = 'default';

export default defineCommand({
  data: new SlashCommandBuilder()
    .setName('channel')
    .setDescription('This channel’s pipeline, model and persona for chat and /ask (Manage Channels)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) => sub.setName('show').setDescription('Show this channel’s settings'))
    .addSubcommand((sub) =>
      sub.setName('pipeline').setDescription('Pipeline for chat and /ask in this channel')
        .addStringOption((option) => option.setName('pipeline').setDescription('Pipeline id, or "default" for the server’s').setRequired(true).setAutocomplete(true).setMaxLength(60)))
    .addSubcommand((sub) =>
      sub.setName('model').setDescription('Generator model for answers in this channel')
        .addStringOption((option) => option.setName('model').setDescription('Model name as the server knows it, or "default"').setRequired(true).setMaxLength(MODEL_NAME_MAX_LENGTH)))
    .addSubcommand((sub) =>
      sub.setName('persona').setDescription('System prompt: who the bot is in this channel')
        .addStringOption((option) => option.setName('prompt').setDescription(`Up to ${PERSONA_MAX_LENGTH} characters, or "default" for the usual one`).setRequired(true).setMaxLength(PERSONA_MAX_LENGTH)))
    .addSubcommand((sub) => sub.setName('reset').setDescription('Drop all of this channel’s settings')),
  async autocomplete(interaction, services) {
    await interaction.respond(suggestPipelines(services.engine, interaction.options.getFocused()));
  },
  async execute(interaction, services) {
    const { guildId, channelId } = requireChannelManager(interaction);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
    const options = interaction.options;
    const subcommand = options.getSubcommand();
    const change = (update: (current: ChannelConfig) => ChannelConfig) => services.guildConfig.updateChannel(guildId, channelId, update);
    const valueOf = (name: string) => {
      const value = options.getString(name, true).trim();
      return value === '' || value.toLowerCase() === CLEAR ? undefined : value;
    };
    switch (subcommand) {
      case 'pipeline': {
        const value = valueOf('pipeline');
        const pipeline = value === undefined ? undefined : services.engine.pipeline(normalizePipelineId(value)).id;
        await change((current) => ({ ...current, pipeline }));
        break;
      }
      case 'model': {
        const model = valueOf('model');
        if (model !== undefined) await checkServedModel(model, services.servedModels, services.settings);
        await change((current) => ({ ...current, model }));
        break;
      }
      case 'persona': {
        const persona = valueOf('prompt');
        if (persona && persona.length > PERSONA_MAX_LENGTH) {
          throw new UserError('invalid-option', `The persona is ${persona.length} characters long; the limit is ${PERSONA_MAX_LENGTH}.`);
        }
        await change((current) => ({ ...current, persona }));
        break;
      }
      case 'reset':
        await change(() => ({}));
        break;
    }
    const config = await services.guildConfig.get(guildId);
    const saved = subcommand === 'show' ? '' : '✅ Saved.\n';
    await interaction.editReply({ content: saved + renderChannelSummary(config, channelId) });
  },
});
