// /forget-me: deletes the caller's votes, reveal marks, the prompts they wrote and their memory, and says how much.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.js';
import { plural } from '../src/render/plural.js';

export default defineCommand({
  data: new SlashCommandBuilder()
    .setName('forget-me')
    .setDescription('Delete your votes, the prompts you wrote and what the bot remembers about you'),
  async execute(interaction, services) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const userHash = services.hashUser(interaction.user.id);
    // The tombstone first: a reaction or a journal replay landing while the deletions run cannot write back.
    await services.forgottenUsers.forget(userHash);
    const votes = await services.votes.deleteVoter(userHash);
    const prompts = await services.comparisons.forgetRequester(userHash);
    const threadPrompts = await services.threads.forgetRequester(userHash);
    const facts = await services.memory.forgetUser(userHash);
    await interaction.editReply({
      content: [
        `Done: deleted ${plural(votes, 'vote')}, the text of ${plural(prompts + threadPrompts, 'prompt')} you wrote and ${plural(facts, 'remembered fact')}, everywhere this bot runs. Memory is off for you now.`,
        'The models’ answers to those prompts stay, without your words. Chat messages are never stored by the bot (it reads them from Discord when needed).',
      ].join('\n'),
    });
  },
});
