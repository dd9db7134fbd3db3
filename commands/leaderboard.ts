// /leaderboard: the pipelines ranked by blind votes (this server's, or all servers'), with 95% intervals,
// the head-to-head matrix and the position-bias check; charts as PNG and the full numbers as JSON attached.
import { SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.js';
import { UserError } from '../src/errors/user-error.js';
import { renderLeaderboard, type LeaderboardScope } from '../src/render/discord/leaderboard-message.js';
import { renderLeaderboardCharts } from '../src/render/leaderboard-charts.js';
import { buildLeaderboardFromStream } from '../src/stats/build-leaderboard.js';
import { votesWithBallots } from '../src/votes/voted-comparisons.js';

export default defineCommand({
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('Rank the techniques by blind votes, with 95% intervals and a position-bias check')
    .addStringOption((option) =>
      option.setName('scope').setDescription('Whose votes count (default: this server; all servers in DMs)')
        .addChoices({ name: 'this server', value: 'server' }, { name: 'all servers', value: 'global' }))
    .addIntegerOption((option) =>
      option.setName('min-votes').setDescription('Mark pipelines with fewer votes than this as provisional').setMinValue(0).setMaxValue(1_000_000))
    .addStringOption((option) =>
      option.setName('versions').setDescription('A pipeline whose file, rules, model or parameters changed: one row per version (default) or pooled')
        .addChoices({ name: 'one row per version', value: 'split' }, { name: 'pool versions', value: 'pool' }))
    .addBooleanOption((option) =>
      option.setName('matched-only').setDescription('Count only comparisons where every answer came from the same model and parameters'))
    .addBooleanOption((option) =>
      option.setName('include-flagged').setDescription('Also count votes on leak-flagged comparisons and votes past the daily vote cap')),
  async execute(interaction, services) {
    const { guildId } = interaction;
    const asked = interaction.options.getString('scope');
    if (asked === 'server' && guildId === null) {
      throw new UserError('guild-only', 'scope: server needs a server. In direct messages the leaderboard covers all servers (scope: all servers).');
    }
    const scope: LeaderboardScope = asked === 'global' || guildId === null ? 'global' : 'server';
    const minVotes = interaction.options.getInteger('min-votes') ?? 0;
    const versions = interaction.options.getString('versions') === 'pool' ? 'pool' : 'split';
    const matchedOnly = interaction.options.getBoolean('matched-only') ?? false;
    const includeFlagged = interaction.options.getBoolean('include-flagged') ?? false;
    await interaction.deferReply(); // the bootstrap refits the ratings 1000 times
    const votes = votesWithBallots(services.votes, services.comparisons, scope === 'server' ? { guildId } : {});
    const board = await buildLeaderboardFromStream(votes, { minVotes, versions, matchedOnly, includeLeaked: includeFlagged, includeOverCap: includeFlagged });
    const charts = await renderLeaderboardCharts(board);
    await interaction.editReply(renderLeaderboard(board, { scope, guildId: scope === 'server' ? guildId : null }, charts));
  },
});
