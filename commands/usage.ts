// /usage: privately, what you used today and this month (comparisons, answers, model calls, tokens, cost) against
// the hourly limits and the daily budget here; admins (Manage Server) also see the server's month by user and pipeline.
import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { runsOfDay, totalUse, useByPipeline, useByUser } from '../src/records/quotas/use-totals.ts';
import { renderUsage } from '../src/render/discord/usage-reply.ts';

export default defineCommand<'guildConfig' | 'hashUser' | 'limits' | 'usage'>({
  data: new SlashCommandBuilder()
    .setName('usage')
    .setDescription('See what you used today and this month, and what is left (only you see it)'),
  async execute(interaction, services) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { guildId } = interaction;
    const userHash = services.hashUser(interaction.user.id);
    const now = new Date();
    const [config, month, spent] = await Promise.all([
      services.guildConfig.get(guildId),
      services.usage.month(guildId, now),
      services.limits.spentToday(guildId, now),
    ]);
    const [compares, answers] = await Promise.all([
      services.limits.remaining({ guildId, userHash, perHour: config.comparesPerHour, kind: 'compare', now }),
      services.limits.remaining({ guildId, userHash, perHour: config.answersPerHour, kind: 'answer', now }),
    ]);
    const own = month.filter((run) => run.userHash === userHash);
    const admin = interaction.inGuild() && interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
    await interaction.editReply(
      renderUsage({
        inGuild: guildId !== null,
        today: totalUse(runsOfDay(own, now)),
        month: totalUse(own),
        compares: { used: compares.used, perHour: config.comparesPerHour },
        answers: { used: answers.used, perHour: config.answersPerHour },
        budget: { capUsd: config.dailyCostCapUsd, spentUsd: spent.usd, incomplete: spent.incomplete },
        ...(admin
          ? { server: { month: totalUse(month), byUser: [...useByUser(month)], byPipeline: [...useByPipeline(month)] } }
          : {}),
      }),
    );
  },
});
