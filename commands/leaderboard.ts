// /leaderboard: the pipelines ranked by blind votes (this server's, or all servers'), with 95% intervals,
// the head-to-head matrix and the position-bias check; charts as PNG and the full numbers as JSON attached.
// by-model makes each row a (technique, model) cell; model: ranks the techniques within one model; category: ranks
// them within one prompt category (prompts/categories.yaml).
import { SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/base/user-error.ts';
import { MODEL_NAME_MAX_LENGTH } from '../src/records/guild-config.ts';
import type { BoardState, LeaderboardScope } from '../src/render/discord/leaderboard/leaderboard-message.ts';
import { renderLeaderboardIn } from '../src/render/discord/message-layout.ts';
import { renderLeaderboardCharts } from '../src/render/charts/leaderboard-charts.ts';
import type { Leaderboard } from '../src/ratings/leaderboard.ts';
import { categoryOption, suggestCategories } from '../src/bot/suggest-categories.ts';

export default defineCommand<'catalog' | 'leaderboards' | 'log' | 'settings'>({
  data: new SlashCommandBuilder()
    .setName('leaderboard')
    .setDescription('Rank the techniques by blind votes, with 95% intervals and a position-bias check')
    .addStringOption((option) =>
      option
        .setName('scope')
        .setDescription('Whose votes count (default: this server; all servers in DMs)')
        .addChoices({ name: 'this server', value: 'server' }, { name: 'all servers', value: 'global' }),
    )
    .addIntegerOption((option) =>
      option
        .setName('min-votes')
        .setDescription('Mark pipelines with fewer votes than this as provisional')
        .setMinValue(0)
        .setMaxValue(1_000_000),
    )
    .addStringOption((option) =>
      option
        .setName('versions')
        .setDescription(
          'A pipeline whose file, rules, model or parameters changed: one row per version (default) or pooled',
        )
        .addChoices({ name: 'one row per version', value: 'split' }, { name: 'pool versions', value: 'pool' }),
    )
    .addBooleanOption((option) =>
      option
        .setName('matched-only')
        .setDescription('Count only comparisons where every answer came from the same model and parameters'),
    )
    .addBooleanOption((option) =>
      option.setName('by-model').setDescription('One row per technique and model (the model that drafted the answers)'),
    )
    .addStringOption((option) =>
      option
        .setName('model')
        .setDescription('Rank the techniques within one model: only answers it drafted count')
        .setMaxLength(MODEL_NAME_MAX_LENGTH),
    )
    .addStringOption((option) =>
      option
        .setName('category')
        .setDescription('Rank within one prompt category (maths, code, chit-chat…); older comparisons count as other')
        .setAutocomplete(true)
        .setMaxLength(40),
    )
    .addStringOption((option) =>
      option
        .setName('intervals')
        .setDescription('How the 95% intervals are found (default: sandwich, one pass, as Arena since 2025)')
        .addChoices(
          { name: 'sandwich (cluster-robust)', value: 'sandwich' },
          { name: 'bootstrap over comparisons', value: 'bootstrap' },
        ),
    )
    .addStringOption((option) =>
      option
        .setName('weights')
        .setDescription("Weigh each pair of techniques equally, however often it was shown (Arena's balanced weights)")
        .addChoices(
          { name: 'none: every vote counts once (default)', value: 'none' },
          { name: 'balanced: inversely to how often the pair met', value: 'balanced' },
        ),
    )
    .addStringOption((option) =>
      option
        .setName('early-votes')
        .setDescription(
          'Votes cast before the chosen answer was in (default: left out, so fast techniques gain nothing)',
        )
        .addChoices({ name: 'leave out (default)', value: 'exclude' }, { name: 'include', value: 'include' }),
    )
    .addBooleanOption((option) =>
      option
        .setName('include-flagged')
        .setDescription('Also count votes on leak-flagged comparisons and votes past the daily vote cap'),
    ),
  async autocomplete(interaction, services) {
    await interaction.respond(suggestCategories(services.catalog(), interaction.options.getFocused()));
  },
  async execute(interaction, services) {
    const { guildId } = interaction;
    const asked = interaction.options.getString('scope');
    if (asked === 'server' && guildId === null) {
      throw new UserError(
        'guild-only',
        'scope: server needs a server. In direct messages the leaderboard covers all servers (scope: all servers).',
      );
    }
    const scope: LeaderboardScope = asked === 'global' || guildId === null ? 'global' : 'server';
    const minVotes = interaction.options.getInteger('min-votes') ?? 0;
    const versions = interaction.options.getString('versions') === 'pool' ? 'pool' : 'split';
    const matchedOnly = interaction.options.getBoolean('matched-only') ?? false;
    const includeFlagged = interaction.options.getBoolean('include-flagged') ?? false;
    const byModel = interaction.options.getBoolean('by-model') ?? false;
    const model = modelOption(interaction.options.getString('model'));
    const category = categoryOption(services.catalog(), interaction.options.getString('category'));
    const intervals = interaction.options.getString('intervals') === 'bootstrap' ? 'bootstrap' : 'sandwich';
    const weights = interaction.options.getString('weights') === 'balanced' ? 'balanced' : 'none';
    const includeEarly = interaction.options.getString('early-votes') === 'include';
    await interaction.deferReply(); // a board never counted before takes seconds at a busy server's size
    const boardGuild = scope === 'server' ? guildId : null;
    const options = {
      minVotes,
      versions,
      matchedOnly,
      byModel,
      model,
      category,
      intervals,
      weights,
      includeLeaked: includeFlagged,
      includeOverCap: includeFlagged,
      includeEarly,
    } as const;
    const served = await services.leaderboards.get({ guildId: boardGuild, options });
    const message = async (board: Leaderboard, at: Date, state: BoardState) =>
      renderLeaderboardIn(
        services.settings.MESSAGE_LAYOUT,
        board,
        { scope, guildId: boardGuild, counted: { at, state } },
        await renderLeaderboardCharts(board),
      );
    await interaction.editReply(
      await message(served.board, served.computedAt, served.recount === null ? 'current' : 'recounting'),
    );
    if (served.recount === null) return;
    // The stored board was served at once; the recount replaces it (Discord allows edits for 15 minutes).
    const shown = await served.recount.then(
      async (fresh) => message(fresh.board, fresh.computedAt, 'current'),
      async () => message(served.board, served.computedAt, 'stale'), // the service logged why
    );
    await interaction
      .editReply(shown)
      .catch((error: unknown) =>
        services.log.warn(`leaderboard: could not show the recounted board (${String(error)})`),
      );
  },
});

/** The model to rank within, exactly as the answers' ballots name it; null when not asked. */
function modelOption(raw: string | null): string | null {
  if (raw === null) return null;
  const model = raw.trim();
  if (model === '')
    throw new UserError(
      'invalid-option',
      '`model` is empty: give the name of a model (as `by-model` rows show it), or leave the option out.',
    );
  return model;
}
