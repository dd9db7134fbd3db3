// /ask: one pipeline, not blind, streamed in, with a compact footer (pipeline, latency, calls, tokens, cost).
// Takes an image or text file, uses the channel's settings and the asker's memories, and can open a thread.
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { runAskSession } from '../src/bot/chat/ask-session.ts';
import { defineCommand } from '../src/bot/command.ts';
import { checkPrompt, normalizePipelineId, PROMPT_MAX } from '../src/bot/parse-request.ts';
import { suggestPipelines } from '../src/bot/suggest-pipelines.ts';

export default defineCommand<
  'engine' | 'guildConfig' | 'hashUser' | 'inflight' | 'limits' | 'log' | 'memory' | 'settings' | 'threads' | 'usage'
>({
  data: new SlashCommandBuilder()
    .setName('ask')
    // Also installable by a user, for use in any DM or server, even one the bot is not in (votes then by buttons).
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel)
    .setDescription('Ask with one technique and see which one answered')
    .addStringOption((option) =>
      option.setName('prompt').setDescription('What to ask').setRequired(true).setMaxLength(PROMPT_MAX),
    )
    .addStringOption((option) =>
      option
        .setName('pipeline')
        .setDescription("Which technique (default: this channel's or server's chat pipeline)")
        .setAutocomplete(true)
        .setMaxLength(60),
    )
    .addAttachmentOption((option) =>
      option.setName('file').setDescription('An image or a text file (.txt, .md, code) to ask about'),
    )
    .addBooleanOption((option) =>
      option
        .setName('thread')
        .setDescription("Continue in a thread where every message is a turn (default: this server's setting)"),
    ),
  async autocomplete(interaction, services) {
    await interaction.respond(suggestPipelines(services.engine, interaction.options.getFocused()));
  },
  async execute(interaction, services) {
    const prompt = checkPrompt(interaction.options.getString('prompt'), '/ask prompt: What is a haiku?');
    const file = interaction.options.getAttachment('file');
    const pipeline = interaction.options.getString('pipeline');
    await runAskSession(interaction, services, {
      prompt,
      pipelineId: pipeline === null ? null : normalizePipelineId(pipeline),
      attachments: file ? [{ name: file.name, url: file.url, size: file.size, contentType: file.contentType }] : [],
      thread: interaction.options.getBoolean('thread'),
    });
  },
});
