// /compare: one prompt, several techniques, answered blind side by side; reactions are votes. With models: the
// techniques are crossed with models (each pipeline answers once per model), still blind. In a channel where an
// experiment runs, it shows two of the experiment's arms instead.
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { deferThenCheck } from '../src/bot/defer-first.ts';
import { runCompareSession } from '../src/bot/sessions/compare-session.ts';
import { runExperimentCompare } from '../src/bot/experiments/experiment-compare.ts';
import { UserError } from '../src/base/user-error.ts';
import { openDiscussion } from '../src/bot/chat/open-discussion.ts';
import { checkPrompt, parsePipelineList, PROMPT_MAX } from '../src/bot/parse-request.ts';
import { comparisonRuns, parseModelList, readModelOption } from '../src/records/comparisons/compare-models.ts';

export default defineCommand<
  | 'catalog'
  | 'comparisons'
  | 'engine'
  | 'experiments'
  | 'guildConfig'
  | 'hashUser'
  | 'inflight'
  | 'interactionTokens'
  | 'lease'
  | 'limits'
  | 'log'
  | 'servedModels'
  | 'settings'
  | 'threads'
  | 'usage'
  | 'voteChanges'
>({
  data: new SlashCommandBuilder()
    .setName('compare')
    // Also installable by a user, for use in any DM or server, even one the bot is not in (votes then by buttons).
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
    .setDescription('Answer one prompt with several techniques, side by side and blind; react to vote')
    .addStringOption((option) =>
      option.setName('prompt').setDescription('What to ask').setRequired(true).setMaxLength(PROMPT_MAX),
    )
    .addStringOption((option) =>
      option
        .setName('pipelines')
        .setDescription('Comma-separated pipelines, e.g. "plain, cot, rules" (default: this server\'s set)')
        .setMaxLength(200),
    )
    .addStringOption((option) =>
      option
        .setName('models')
        .setDescription('Comma-separated models, e.g. "gpt-4o-mini, gpt-4o": every pipeline answers once per model')
        .setMaxLength(400),
    )
    .addBooleanOption((option) => option.setName('thread').setDescription('Open a thread to discuss the answers')),
  async execute(interaction, services) {
    // What the options alone show to be wrong is refused before acknowledging, as a private reply.
    const prompt = checkPrompt(interaction.options.getString('prompt'), '/compare prompt: Why is the sky blue?');
    const models = parseModelList(interaction.options.getString('models'));
    const minimum = models.length > 1 ? 1 : 2;
    const typed = interaction.options.getString('pipelines');
    if (typed !== null) comparisonRuns(parsePipelineList(typed, services.engine, minimum), models);
    // Pipelines outlast Discord's 3-second acknowledgement window, and so may a store that hangs.
    const { config, runs, userHash, experiment } = await deferThenCheck(interaction, async () => {
      const config = await services.guildConfig.get(interaction.guildId);
      // In a channel where an experiment runs, /compare shows its arms and nothing else.
      const experiment =
        interaction.guildId === null
          ? undefined
          : await services.experiments.runningIn(interaction.guildId, interaction.channelId);
      if (experiment !== undefined && (typed !== null || models.length > 0))
        throw new UserError(
          'invalid-option',
          `Experiment “${experiment.plan.name}” runs in this channel: /compare here shows its arms. Leave out \`pipelines\` and \`models\`, or compare in another channel.`,
        );
      await readModelOption(interaction.options.getString('models'), services.servedModels, services.settings);
      const runs =
        experiment === undefined
          ? comparisonRuns(parsePipelineList(typed ?? config.comparePipelines, services.engine, minimum), models)
          : [];
      const userHash = services.hashUser(interaction.user.id);
      await services.limits.reserveCompare({
        guildId: interaction.guildId,
        userHash,
        perHour: config.comparesPerHour,
        dailyCapUsd: config.dailyCostCapUsd,
      });
      return { config, runs, userHash, experiment };
    });
    // Tracked as a whole, so a shutdown waits until the results are stored and the reactions added.
    await services.inflight.track(async (signal) => {
      const conversation = [{ role: 'user' as const, content: prompt }];
      if (experiment === undefined)
        await runCompareSession(
          interaction,
          services,
          { conversation, runs, modelOverrides: config.modelOverrides },
          signal,
        );
      else await runExperimentCompare(interaction, services, experiment, conversation, signal);
      if (interaction.options.getBoolean('thread'))
        await openDiscussion(interaction, services, { prompt, requesterHash: userHash });
    });
  },
});
