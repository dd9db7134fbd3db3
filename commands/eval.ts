// /eval (Manage Server only): runs the safety or reasoning suite's shipped set on this server's model and
// posts the table and chart when done, with progress edits meanwhile. Mistakes get a private reply, also those
// found after deferring. Bigger runs (other sets, repeats, resuming) belong to `npm run eval`.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { deferThenCheck } from '../src/bot/defer-first.ts';
import { splitPipelineIds } from '../src/bot/parse-request.ts';
import { runEvalSession } from '../src/bot/sessions/eval-session.ts';
import { requireManageServer } from '../src/bot/require-manage-server.ts';
import { UserError } from '../src/base/user-error.ts';
import { SUITES, SUITE_NAMES, type SuiteName } from '../src/eval/suites.ts';

const DEFAULT_ITEMS = 20;

export default defineCommand<
  'engine' | 'guildConfig' | 'hashUser' | 'inflight' | 'limits' | 'log' | 'model' | 'settings' | 'usage'
>({
  data: new SlashCommandBuilder()
    .setName('eval')
    .setDescription('Measure the pipelines: over-refusal vs unsafe compliance, or reasoning accuracy (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option
        .setName('suite')
        .setDescription('Which suite')
        .setRequired(true)
        .addChoices(...SUITE_NAMES.map((name) => ({ name: `${name}: ${SUITES[name].description}`, value: name }))),
    )
    .addStringOption((option) =>
      option
        .setName('pipelines')
        .setDescription("Comma-separated pipelines (default: this server's compare set)")
        .setMaxLength(200),
    )
    .addIntegerOption((option) =>
      option
        .setName('items')
        .setDescription(`How many items of the set to run (default ${DEFAULT_ITEMS})`)
        .setMinValue(1)
        .setMaxValue(500),
    ),
  async execute(interaction, services) {
    const guildId = requireManageServer(interaction);
    const typed = interaction.options.getString('pipelines');
    const typedIds = typed ? splitPipelineIds(typed) : null;
    typedIds?.forEach((id) => services.engine.pipeline(id));
    // A suite takes minutes, and a store that hangs must not keep Discord waiting past its 3 seconds either.
    const { config, pipelineIds } = await deferThenCheck(interaction, async () => {
      const config = await services.guildConfig.get(guildId);
      const pipelineIds = typedIds ?? config.comparePipelines;
      pipelineIds.forEach((id) => services.engine.pipeline(id));
      const { usd } = await services.limits.spentToday(guildId);
      if (config.dailyCostCapUsd > 0 && usd >= config.dailyCostCapUsd) {
        throw new UserError(
          'cost-cap',
          `This server has spent its daily model budget ($${config.dailyCostCapUsd.toFixed(2)}); /eval can run again after midnight UTC.`,
        );
      }
      return { config, pipelineIds };
    });
    const request = {
      suite: interaction.options.getString('suite', true) as SuiteName,
      pipelineIds,
      limit: interaction.options.getInteger('items') ?? DEFAULT_ITEMS,
      modelOverrides: config.modelOverrides,
    };
    await services.inflight.track((signal) => runEvalSession(interaction, services, request, signal));
  },
});
