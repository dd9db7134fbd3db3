// /experiment (Manage Server): pre-registered experiments. create writes a plan (arms, hypothesis, the primary
// comparison, the stopping rule); start freezes it (canonical JSON, SHA-256) and posts it publicly; while it runs,
// /compare in its channels shows its arms and the experiment stops itself when its sequential test decides; status,
// stop, replicate (the same frozen plan in another server) and list.
import {
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { deferThenCheck } from '../src/bot/defer-first.ts';
import { finishExperiment } from '../src/bot/experiments/finish-experiment.ts';
import {
  checkArmModels,
  replicateExperiment,
  startExperiment,
  type StartedExperiment,
} from '../src/bot/experiments/start-experiment.ts';
import { requireManageServer } from '../src/bot/require-manage-server.ts';
import type { Services } from '../src/bot/services.ts';
import { UserError } from '../src/base/user-error.ts';
import { experimentEvidence } from '../src/export/experiment-evidence.ts';
import { parseArmList } from '../src/records/experiments/arm.ts';
import {
  EXPERIMENT_NAME_MAX,
  HYPOTHESIS_MAX,
  parsePlan,
  type ExperimentPlan,
} from '../src/records/experiments/experiment-plan.ts';
import type { ExperimentRecord } from '../src/records/experiments/experiment-record.ts';
import { renderList, renderStarted, renderStatus } from '../src/render/discord/experiment-messages.ts';
import { categoryOption, suggestCategories } from '../src/bot/suggest-categories.ts';

type Uses =
  | 'catalog'
  | 'comparisons'
  | 'engine'
  | 'experiments'
  | 'forgottenUsers'
  | 'log'
  | 'servedModels'
  | 'settings'
  | 'votes';

const nameOption = (option: SlashCommandStringOption) =>
  option.setName('name').setDescription('The experiment’s name').setRequired(true).setMaxLength(EXPERIMENT_NAME_MAX);
const namedOption = (option: SlashCommandStringOption) => nameOption(option).setAutocomplete(true);
// What each subcommand can act on, for the name suggestions: start a draft, stop a running one, see any.
const SUGGESTED: Record<string, (record: ExperimentRecord) => boolean> = {
  start: (record) => record.status === 'draft',
  stop: (record) => record.status === 'running',
  status: () => true,
};
const channelsOption = (option: SlashCommandStringOption) =>
  option
    .setName('channels')
    .setDescription('Channels it runs in, as #mentions or ids (default: this channel)')
    .setMaxLength(500);

export default defineCommand<Uses>({
  data: new SlashCommandBuilder()
    .setName('experiment')
    .setDescription('Pre-registered experiments that stop themselves (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub
        .setName('create')
        .setDescription('Write an experiment plan (a draft until you start it)')
        .addStringOption(nameOption)
        .addStringOption((option) =>
          option
            .setName('arms')
            .setDescription(
              'Two or more arms, comma-separated: pipeline[@model][|transform], e.g. "cot, cot|plain-text"',
            )
            .setRequired(true)
            .setMaxLength(400),
        )
        .addStringOption((option) =>
          option
            .setName('hypothesis')
            .setDescription('What you expect, in words')
            .setRequired(true)
            .setMaxLength(HYPOTHESIS_MAX),
        )
        .addNumberOption((option) =>
          option
            .setName('minimum-effect')
            .setDescription('Smallest win-rate difference from 50% worth detecting, e.g. 0.1 (60% vs 40%)')
            .setRequired(true)
            .setMinValue(0.01)
            .setMaxValue(0.49),
        )
        .addStringOption((option) =>
          option
            .setName('arm-a')
            .setDescription('Primary comparison, first arm (default: the first arm)')
            .setMaxLength(200),
        )
        .addStringOption((option) =>
          option
            .setName('arm-b')
            .setDescription('Primary comparison, second arm (default: the second arm)')
            .setMaxLength(200),
        )
        .addStringOption((option) =>
          option
            .setName('category')
            .setDescription('Only prompts of this category count (default: all)')
            .setMaxLength(60)
            .setAutocomplete(true),
        )
        .addNumberOption((option) =>
          option
            .setName('alpha')
            .setDescription('False-positive rate α (default 0.05)')
            .setMinValue(0.001)
            .setMaxValue(0.2),
        )
        .addNumberOption((option) =>
          option
            .setName('power')
            .setDescription('Wished power at the minimum effect (default 0.8)')
            .setMinValue(0.51)
            .setMaxValue(0.99),
        )
        .addIntegerOption((option) =>
          option
            .setName('vote-cap')
            .setDescription('Stop undecided after this many votes (default: no cap)')
            .setMinValue(1),
        )
        .addStringOption(channelsOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('start')
        .setDescription('Freeze the plan (hashed, shown to everyone) and start')
        .addStringOption(namedOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('status')
        .setDescription('Votes so far, the estimate with its interval, votes still needed')
        .addStringOption(namedOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('stop')
        .setDescription('Stop a running experiment early and post its result')
        .addStringOption(namedOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('replicate')
        .setDescription('Run a frozen plan from another server here, as a replication')
        .addStringOption((option) =>
          option
            .setName('plan')
            .setDescription('The plan hash, or the plan JSON its start message attached')
            .setRequired(true)
            .setMaxLength(6000),
        )
        .addStringOption(channelsOption),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('This server’s experiments')),
  async autocomplete(interaction, services) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'category') return interaction.respond(suggestCategories(services.catalog(), focused.value));
    const fits = SUGGESTED[interaction.options.getSubcommand()];
    if (interaction.guildId === null || fits === undefined) return interaction.respond([]);
    const typed = focused.value.toLowerCase();
    const names = (await services.experiments.inGuild(interaction.guildId))
      .filter((record) => fits(record) && record.plan.name.toLowerCase().includes(typed))
      .map((record) => ({ name: `${record.plan.name} (${record.status})`.slice(0, 100), value: record.plan.name }));
    await interaction.respond(names.slice(0, 25));
  },
  async execute(interaction, services) {
    const guildId = requireManageServer(interaction);
    const subcommand = interaction.options.getSubcommand();
    if (subcommand === 'list') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply(renderList(await services.experiments.inGuild(guildId)));
    } else if (subcommand === 'create') await create(interaction, services, guildId);
    else if (subcommand === 'replicate') {
      const typed = interaction.options.getString('plan', true).trim();
      const channelIds = readChannels(interaction);
      // Public from the start (the frozen plan is for everyone); a failed check is told privately instead.
      await announce(
        interaction,
        await deferThenCheck(interaction, () => replicateExperiment(services, guildId, typed, channelIds)),
      );
    } else if (subcommand === 'start') {
      const name = interaction.options.getString('name', true);
      await announce(
        interaction,
        await deferThenCheck(interaction, async () => startExperiment(services, await find(services, guildId, name))),
      );
    } else {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const record = await find(services, guildId, interaction.options.getString('name', true));
      if (subcommand === 'status')
        await interaction.editReply(renderStatus(record, await experimentEvidence(record, services)));
      else await stop(interaction, services, record);
    }
  },
});

async function find(services: Pick<Services, 'experiments'>, guildId: string, name: string) {
  const record = await services.experiments.byName(guildId, name);
  if (record === undefined)
    throw new UserError('not-found', `There is no experiment called “${name}” here. /experiment list shows them.`);
  return record;
}

/** "#general <#123>, 456" -> channel ids; none given: this channel. */
function readChannels(interaction: ChatInputCommandInteraction): string[] {
  const typed = interaction.options.getString('channels');
  if (typed === null) return [interaction.channelId];
  const parts = typed.split(/[\s,]+/).filter(Boolean);
  const ids = parts.map((part) => /^(?:<#)?(\d{5,25})>?$/.exec(part)?.[1]);
  const bad = parts.find((_, index) => ids[index] === undefined);
  if (bad !== undefined || ids.length === 0)
    throw new UserError(
      'invalid-option',
      `\`channels\`: “${bad ?? typed}” is not a channel. Mention channels like #general.`,
    );
  const known = ids.filter((id): id is string => id !== undefined);
  // The bot knows every channel of a server it is in; one it does not know is in another server, or gone.
  const channels = interaction.guild?.channels.cache;
  const elsewhere = channels === undefined ? undefined : known.find((id) => !channels.has(id));
  if (elsewhere !== undefined)
    throw new UserError('invalid-option', `\`channels\`: ${elsewhere} is not a channel of this server.`);
  const notText = known.find(
    (id) => channels?.get(id)?.type !== undefined && channels.get(id)?.type !== ChannelType.GuildText,
  );
  if (notText !== undefined) throw new UserError('invalid-option', `<#${notText}> is not a text channel.`);
  return [...new Set(known)];
}

async function create(
  interaction: ChatInputCommandInteraction,
  services: Pick<Services, Uses>,
  guildId: string,
): Promise<void> {
  const { options } = interaction;
  const arms = parseArmList(options.getString('arms', true));
  const pick = (option: string, fallback: string | undefined) => {
    const typed = options.getString(option);
    return typed === null ? (fallback ?? '') : (parseArmList(typed)[0] ?? '');
  };
  const plan = parsePlan(
    {
      name: options.getString('name', true),
      hypothesis: options.getString('hypothesis', true),
      arms,
      primary: { a: pick('arm-a', arms[0]), b: pick('arm-b', arms[1]) },
      category: categoryOption(services.catalog(), options.getString('category')),
      minimumEffect: options.getNumber('minimum-effect', true),
      alpha: options.getNumber('alpha') ?? 0.05,
      power: options.getNumber('power') ?? 0.8,
      voteCap: options.getInteger('vote-cap'),
    } satisfies ExperimentPlan,
    services.engine.pipelines().map((pipeline) => pipeline.id),
  );
  const channelIds = readChannels(interaction);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await checkArmModels(services, plan);
  const record = await services.experiments.create({ guildId, channelIds, plan });
  await interaction.editReply({
    content: `Experiment **${record.plan.name}** is written as a draft. Check it with \`/experiment status name:${record.plan.name}\`; \`/experiment start name:${record.plan.name}\` freezes it and starts it.`,
  });
}

/** The frozen plan, posted publicly where the command ran and in every channel of the experiment. */
async function announce(interaction: ChatInputCommandInteraction, { record, json }: StartedExperiment) {
  const post = renderStarted(record, json);
  await interaction.editReply(post);
  for (const channelId of record.channelIds.filter((id) => id !== interaction.channelId)) {
    const channel = await interaction.client.channels.fetch(channelId).catch(() => null);
    if (channel?.isSendable()) await channel.send(post);
  }
}

async function stop(
  interaction: ChatInputCommandInteraction,
  services: Pick<Services, Uses>,
  record: ExperimentRecord,
) {
  if (record.status !== 'running')
    throw new UserError('invalid-option', `Experiment “${record.plan.name}” is not running (it is ${record.status}).`);
  const finished = await finishExperiment(interaction.client, services, record, 'stopped');
  await interaction.editReply({
    content:
      finished === undefined
        ? `Experiment “${record.plan.name}” had just ended by itself; its result is posted in <#${record.channelIds[0] ?? ''}>.`
        : `Stopped. The result, marked as stopped early, is posted in <#${record.channelIds[0] ?? ''}>.`,
  });
}
