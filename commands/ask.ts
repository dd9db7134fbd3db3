// /ask: one pipeline, not blind, streamed in, with a compact footer (pipeline, latency, calls, tokens, cost).
import { SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.js';
import { checkPrompt, PROMPT_MAX } from '../src/bot/parse-request.js';
import { suggestPipelines } from '../src/bot/suggest-pipelines.js';
import { footerOf, streamAnswer } from '../src/bot/stream-answer.js';
import { renderChatReply } from '../src/render/discord/chat-reply.js';

export default defineCommand({
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask with one technique and see which one answered')
    .addStringOption((option) => option.setName('prompt').setDescription('What to ask').setRequired(true).setMaxLength(PROMPT_MAX))
    .addStringOption((option) =>
      option.setName('pipeline').setDescription('Which technique (default: this server\'s chat pipeline)').setAutocomplete(true).setMaxLength(60),
    ),
  async autocomplete(interaction, services) {
    await interaction.respond(suggestPipelines(services.engine, interaction.options.getFocused()));
  },
  async execute(interaction, services) {
    const prompt = checkPrompt(interaction.options.getString('prompt'), '/ask prompt: What is a haiku?');
    const config = await services.guildConfig.get(interaction.guildId);
    const pipelineId = (interaction.options.getString('pipeline') ?? config.defaultPipeline).trim().toLowerCase();
    services.engine.pipeline(pipelineId); // unknown names are refused before deferring
    const userHash = services.hashUser(interaction.user.id);
    await services.limits.reserveAnswer({ guildId: interaction.guildId, userHash, perHour: config.answersPerHour, dailyCapUsd: config.dailyCostCapUsd });
    await interaction.deferReply();
    await services.inflight.track(async (signal) => {
      const result = await streamAnswer(
        services,
        { pipelineId, conversation: [{ role: 'user', content: prompt }], modelOverrides: config.modelOverrides, guildId: interaction.guildId, signal },
        (chunks) => interaction.editReply({ content: chunks[0] ?? '…' }),
      );
      const text = result.status === 'ok' ? (result.answer ?? '') : `⚠️ ${result.failure?.message ?? 'No answer.'}`;
      const [first = '…', ...rest] = renderChatReply(text, footerOf(result));
      await interaction.editReply({ content: first });
      for (const chunk of rest) await interaction.followUp({ content: chunk });
    });
  },
});
