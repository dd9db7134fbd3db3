// /export (Manage Server only): this server's votes as a preference dataset in one of the trainer formats,
// sent privately as JSONL with its meta sidecar. Bigger exports are pointed to `npm run export`.
import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { requireManageServer } from '../src/bot/require-manage-server.ts';
import { exportToTemporaryFiles } from '../src/export/export-to-temporary-files.ts';
import { storeExportBatches } from '../src/export/store-export-batches.ts';
import { parseAggregate, parseExportFormat, parseSinceDay } from '../src/export/parse-export-options.ts';
import { EXPORT_FORMATS } from '../src/export/schemas.ts';
import { renderExportReply, UPLOAD_MAX_BYTES } from '../src/render/discord/export-reply.ts';

export default defineCommand<'comparisons' | 'log' | 'votes'>({
  data: new SlashCommandBuilder()
    .setName('export')
    .setDescription('Download this server’s votes as a preference dataset (Manage Server)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option
        .setName('format')
        .setDescription('Dataset format')
        .setRequired(true)
        .addChoices(...EXPORT_FORMATS.map((format) => ({ name: format, value: format }))),
    )
    .addStringOption((option) =>
      option.setName('since').setDescription('Only votes cast on or after this day (YYYY-MM-DD)').setMaxLength(10),
    )
    .addBooleanOption((option) =>
      option
        .setName('include-after-reveal')
        .setDescription('Also export votes cast after the voter revealed the pipelines (default: no)'),
    )
    .addStringOption((option) =>
      option
        .setName('aggregate')
        .setDescription('One record set per vote (default) or the majority choice per comparison')
        .addChoices({ name: 'per vote', value: 'per-vote' }, { name: 'majority per comparison', value: 'majority' }),
    ),
  async execute(interaction, services) {
    const guildId = requireManageServer(interaction);
    const { options } = interaction;
    const format = parseExportFormat(options.getString('format', true));
    const since = options.getString('since');
    const exportOptions = {
      since: since === null ? undefined : parseSinceDay(since),
      includeAfterReveal: options.getBoolean('include-after-reveal') ?? false,
      aggregate: parseAggregate(options.getString('aggregate') ?? 'per-vote'),
    };
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const files = await exportToTemporaryFiles(
      format,
      storeExportBatches(services.votes, services.comparisons, { guildId }),
      exportOptions,
      UPLOAD_MAX_BYTES,
    );
    if (files.summary.firstProblem !== null)
      services.log.error(
        `/export left out ${files.summary.skipped.invalidLines} invalid line(s)`,
        new Error(files.summary.firstProblem),
      );
    await interaction.editReply(renderExportReply(files.summary, files.upload, { guildId, day: new Date() }));
  },
});
