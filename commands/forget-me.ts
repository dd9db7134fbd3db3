// /forget-me: deletes the caller's votes, reveal marks, the prompts they wrote, their memory and their /usage records,
// leaves a tombstone so nothing brings them back, says how much, and offers to remove the vote reactions Discord shows.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { botMayRemove, findReactionSpots } from '../src/bot/votes/forgotten-reactions.ts';
import { forgetMeReply } from '../src/render/discord/forget-me-reply.ts';

export default defineCommand<
  'comparisons' | 'forgottenReactions' | 'forgottenUsers' | 'hashUser' | 'memory' | 'threads' | 'usage' | 'votes'
>({
  data: new SlashCommandBuilder()
    .setName('forget-me')
    .setDescription('Delete your votes, the prompts you wrote and what the bot remembers about you'),
  async execute(interaction, services) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const userHash = services.hashUser(interaction.user.id);
    // The tombstone first: a reaction or a journal replay landing while the deletions run cannot write back.
    await services.forgottenUsers.forget(userHash);
    const spots = await findReactionSpots(services, userHash);
    const votes = await services.votes.deleteVoter(userHash);
    const prompts = await services.comparisons.forgetRequester(userHash);
    const threadPrompts = await services.threads.forgetRequester(userHash);
    const facts = await services.memory.forgetUser(userHash);
    await services.usage.forgetUser(userHash);
    const removable = spots.filter((spot) => botMayRemove(interaction.client, spot));
    if (removable.length > 0) services.forgottenReactions.offer(userHash, removable);
    await interaction.editReply(
      forgetMeReply({
        votes,
        prompts: prompts + threadPrompts,
        facts,
        removable,
        manual: spots.filter((spot) => !removable.includes(spot)),
      }),
    );
  },
});
