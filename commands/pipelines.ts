// /pipelines: what each technique does, in one line each.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';

export default defineCommand<'engine' | 'guildConfig'>({
  data: new SlashCommandBuilder()
    .setName('pipelines')
    .setDescription('List the available techniques (pipelines) and what each does'),
  async execute(interaction, services) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
    const config = await services.guildConfig.get(interaction.guildId);
    const lines = services.engine.pipelines().map((pipeline) => {
      const marks = [
        pipeline.id === config.defaultPipeline ? 'chat default' : '',
        config.comparePipelines.includes(pipeline.id) ? 'in /compare' : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `**${pipeline.id}** · ${pipeline.label}${marks ? ` _(${marks})_` : ''}\n${pipeline.description}`;
    });
    await interaction.editReply({ content: lines.join('\n').slice(0, 2000) });
  },
});
