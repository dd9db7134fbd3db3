// /forget-me: deletes the caller's votes, reveal marks and the prompts they wrote, and says how much.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.js';
import { plural } from '../src/render/plural.js';

export default defineCommand({
  data: new SlashCommandBuilder()
    .setName('forget-me')
    .setDescription('Delete your votes and the prompts you wrote from this bot’s records'),
  async execute(interaction, services) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const userHash = services.hashUser(interaction.user.id);
    const votes = await services.votes.deleteVoter(userHash);
    const prompts = await services.comparisons.forgetRequester(userHash);
    await interaction.editReply({
      content: [
        `Done: deleted ${plural(votes, 'vote')} and the text of ${plural(prompts, 'comparison prompt')} you wrote, everywhere this bot runs.`,
        'The models’ answers to those prompts stay, without your words. Chat messages are never stored by the bot (it reads them from Discord when needed).',
      ].join('\n'),
    });
  },
});
