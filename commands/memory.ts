// /memory on|off|show|forget: long-term memory as BlenderBot 3 kept it, opt-in per user. Only the user's own
// messages are read, facts are stored under the salted user hash, and every reply is private.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/base/user-error.ts';
import { plural } from '../src/base/plural.ts';
import { renderMemoryList } from '../src/render/discord/memory-list.ts';

export default defineCommand<'engine' | 'hashUser' | 'memory'>({
  data: new SlashCommandBuilder()
    .setName('memory')
    .setDescription('Let the bot remember facts you tell it about yourself, across conversations')
    .addSubcommand((sub) =>
      sub.setName('on').setDescription('Remember short facts you state about yourself in chat and /ask'),
    )
    .addSubcommand((sub) =>
      sub.setName('off').setDescription('Stop noting and using facts (kept until /memory forget)'),
    )
    .addSubcommand((sub) => sub.setName('show').setDescription('See what the bot remembers about you'))
    .addSubcommand((sub) => sub.setName('forget').setDescription('Delete everything the bot remembers about you')),
  async execute(interaction, services) {
    if (!services.engine.memoryPrompt()) {
      throw new UserError(
        'unavailable',
        'Long-term memory is switched off on this bot (its prompts have no memory.yaml).',
      );
    }
    const userHash = services.hashUser(interaction.user.id);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
    const reply = (content: string) => interaction.editReply({ content });
    switch (interaction.options.getSubcommand()) {
      case 'on':
        await services.memory.setEnabled(userHash, true);
        return void (await reply(
          [
            '🧠 Memory is on. After your chat messages and /ask prompts, I note short facts you state about yourself (“I have a grey cat”) and use the relevant ones in later conversations; answers say which ones they used.',
            'Only your own messages are read, never other people’s. `/memory show` lists the facts, `/memory forget` deletes them, `/memory off` stops.',
          ].join('\n'),
        ));
      case 'off': {
        const memory = await services.memory.setEnabled(userHash, false);
        return void (await reply(
          `Memory is off: I note and use nothing more. ${memory.facts.length ? `The ${plural(memory.facts.length, 'fact')} I kept stay until \`/memory forget\`.` : 'I keep no facts about you.'}`,
        ));
      }
      case 'show':
        return void (await reply(renderMemoryList(await services.memory.read(userHash))));
      case 'forget': {
        const deleted = await services.memory.forgetFacts(userHash);
        return void (await reply(`Deleted ${plural(deleted, 'fact')} I remembered about you.`));
      }
    }
  },
});
