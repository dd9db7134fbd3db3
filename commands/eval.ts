// /eval (Manage Server only): runs the safety or reasoning suite's shipped set on this server's model and
// posts the table and chart when done, with progress edits meanwhile. Options are checked before deferring, so
// mistakes get a private reply. Bigger runs (other sets, repeats, resuming) belong to `npm run eval`.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.js';
import { runEvalSession } from '../src/bot/sessions/eval-session.js';
import { requireManageServer } from '../src/bot/require-manage-server.js';
import { UserError } from '../src/base/user-error.js';
import { SUITES, type Suite } from '../src/eval/eval-items.js';

const DEFAULT_ITEMS = 20;

export default defineCommand({
  data: new SlashCommandBuilder()
    .setName('eval')
    .setDescription('Measure the pipelines: over-refusal vs unsafe compliance, or reasoning accuracy (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option.setName('suite').setDescription('Which suite').setRequired(true).addChoices(...SUITES.map((suite) => ({ name: suite, value: suite }))))
    .addStringOption((option) => option.setName('pipelines').setDescription('Comma-separated pipelines (default: this server\'s compare set)').setMaxLength(200))
    .addIntegerOption((option) => option.setName('items').setDescription(`How many items of the set to run (default ${DEFAULT_ITEMS})`).setMinValue(1).setMaxValue(500)),
  async execute(interaction, services) {
    const guildId = requireManageServer(interaction);
    const config = await services.guildConfig.get(guildId);
    const typed = interaction.options.getString('pipelines');
    const pipelineIds = [...new Set(typed ? typed.split(/[\s,]+/).map((id) => id.trim().toLowerCase()).filter(Boolean) : config.comparePipelines)];
    pipelineIds.forEach((id) => services.engine.pipeline(id));
    const { usd } = await services.limits.spentToday(guildId);
    if (config.dailyCostCapUsd > 0 && usd >= config.dailyCostCapUsd) {
      throw new UserError('cost-cap', `This server has spent its daily model budget ($${config.dailyCostCapUsd.toFixed(2)}); /eval can run again after midnight UTC.`);
    }
    await interaction.deferReply(); // a suite takes minutes; Discord wants an answer within 3 seconds
    const request = { suite: interaction.options.getString('suite', true) as Suite, pipelineIds, limit: interaction.options.getInteger('items') ?? DEFAULT_ITEMS, modelOverrides: config.modelOverrides };
    await services.inflight.track((signal) => runEvalSession(interaction, services, request, signal));
  },
});
