// Proves the fake Discord against the real discord.js client (no bot code): login, messages, commands,
// interactions, reactions across a restart, permissions, uploads, DMs, rate limits and resuming.
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  GatewayIntentBits,
  LabelBuilder,
  type Message,
  MessageFlags,
  ModalBuilder,
  Partials,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBareClient } from '../fakes/discord/bare-client.ts';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fakes/discord/fake-discord.ts';

let fake: FakeDiscord | undefined;
const clients: Client[] = [];

async function start(options?: FakeDiscordOptions): Promise<FakeDiscord> {
  fake = await startFakeDiscord(options);
  return fake;
}

async function login(discord: FakeDiscord, options?: Parameters<typeof loginBareClient>[1]): Promise<Client<true>> {
  const client = await loginBareClient(discord, options);
  clients.push(client);
  return client;
}

function textChannel(client: Client<true>, channelId: string) {
  const channel = client.channels.cache.get(channelId);
  if (!channel?.isSendable() || channel.isDMBased())
    throw new Error(`channel ${channelId} is not a cached guild text channel`);
  return channel;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await fake?.close();
  fake = undefined;
});

describe('fake Discord with a bare discord.js client', () => {
  it('logs in and sees the guild, its channels and its own member', async () => {
    const discord = await start();
    const client = await login(discord);

    const guild = client.guilds.cache.get(discord.guildId);
    expect(guild?.name).toBe('Dialog Lab');
    expect(guild?.channels.cache.get(discord.channelIds.votes ?? '')?.name).toBe('votes');
    expect(guild?.members.me?.id).toBe(discord.botUserId);
    expect(client.user.id).toBe(discord.botUserId);
    expect(client.application.id).toBe(discord.applicationId);
    expect(discord.identifies[0]?.intentNames).toEqual(
      expect.arrayContaining(['Guilds', 'GuildMessages', 'MessageContent']),
    );
  });

  it('delivers a user message with its content when the client asked for Message Content', async () => {
    const discord = await start();
    const client = await login(discord);
    const received = once(client, 'messageCreate') as Promise<[Message]>;

    discord.sendMessage({ channelId: discord.channelId, authorId: discord.userId('alice'), content: 'hello bot' });

    const [message] = await received;
    expect(message.content).toBe('hello bot');
    expect(message.author.id).toBe(discord.userId('alice'));
    expect(message.guildId).toBe(discord.guildId);
  });

  it('hides message content from a client without the Message Content intent unless it is mentioned', async () => {
    const discord = await start();
    const client = await login(discord, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const seen: Message[] = [];
    client.on('messageCreate', (message) => seen.push(message));
    const alice = discord.userId('alice');

    discord.sendMessage({ channelId: discord.channelId, authorId: alice, content: 'secret' });
    discord.sendMessage({ channelId: discord.channelId, authorId: alice, content: `<@${discord.botUserId}> visible` });

    await expect.poll(() => seen.length).toBe(2);
    expect(seen.map((message) => message.content)).toEqual(['', `<@${discord.botUserId}> visible`]);
  });

  it('sends no events from a channel the bot cannot view', async () => {
    const discord = await start();
    discord.denyPermissions(discord.channelIds.votes ?? '', ['ViewChannel']);
    const client = await login(discord);
    const seen: string[] = [];
    client.on('messageCreate', (message) => seen.push(message.content));

    discord.sendMessage({
      channelId: discord.channelIds.votes ?? '',
      authorId: discord.userId('alice'),
      content: 'hidden',
    });
    discord.sendMessage({ channelId: discord.channelId, authorId: discord.userId('alice'), content: 'visible' });

    await expect.poll(() => seen).toEqual(['visible']);
  });

  it('stores what the client posts, with embeds, and pings nobody when mentions are disabled', async () => {
    const discord = await start();
    const client = await login(discord);
    const alice = discord.userId('alice');

    const sent = await textChannel(client, discord.channelId).send({
      content: `hi <@${alice}>`,
      embeds: [{ title: 'Slot A', description: 'An answer' }],
    });

    const stored = discord.messages(discord.channelId).at(-1);
    expect(stored?.id).toBe(sent.id);
    expect(stored?.authorId).toBe(discord.botUserId);
    expect(stored?.embeds[0]).toMatchObject({ title: 'Slot A', description: 'An answer' });
    expect(stored?.allowedMentions).toEqual({ parse: [] });
    expect(stored?.pinged.users).toEqual([]);
  });

  it('records slash commands registered globally and per guild', async () => {
    const discord = await start();
    const client = await login(discord);
    await client.application.commands.set([
      {
        name: 'compare',
        description: 'Compare techniques',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'prompt', description: 'What to ask', required: true },
        ],
      },
    ]);
    await client.guilds.cache
      .get(discord.guildId)
      ?.commands.set([{ name: 'leaderboard', description: 'Show the ranking' }]);

    expect(discord.commands().map((command) => command.name)).toEqual(['compare']);
    expect(discord.commands(discord.guildId).map((command) => command.name)).toEqual(['leaderboard']);
    expect(discord.commandRegistrations.map((registration) => registration.guildId)).toEqual([null, discord.guildId]);
  });

  it('answers a slash command by deferring, editing the reply and sending an ephemeral follow-up', async () => {
    const discord = await start();
    const client = await login(discord);
    await client.application.commands.set([
      {
        name: 'compare',
        description: 'Compare techniques',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'prompt', description: 'What to ask', required: true },
          { type: ApplicationCommandOptionType.Number, name: 'temperature', description: 'Sampling temperature' },
        ],
      },
    ]);
    client.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply(
        `${interaction.options.getString('prompt', true)} at ${interaction.options.getNumber('temperature')}`,
      );
      await interaction.followUp({ content: 'only you see this', flags: MessageFlags.Ephemeral });
    });

    const handle = discord.runSlashCommand({
      userId: discord.userId('bob'),
      name: 'compare',
      options: { prompt: 'why?', temperature: 1 },
    });

    const original = await handle.waitForOriginal();
    const followUp = await handle.waitForFollowUp();
    expect(handle.responseType).toBe(5);
    expect(original.content).toBe('why? at 1');
    expect(original.versions.map((version) => version.content)).toEqual(['', 'why? at 1']);
    expect(followUp).toMatchObject({ content: 'only you see this', ephemeral: true });
    expect(discord.messages(discord.channelId).map((message) => message.id)).toEqual([original.id]);
  });

  it('runs a command in a DM without a guild, and in a guild with member and app permissions', async () => {
    const discord = await start();
    discord.denyPermissions(discord.channelId, ['SendMessages']);
    const client = await login(discord, { partials: [Partials.Channel] });
    const seen: ChatInputCommandInteraction[] = [];
    client.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push(interaction);
      await interaction.reply('ok');
    });

    const inDm = discord.runSlashCommand({ userId: discord.userId('alice'), guildId: null, name: 'stats' });
    const inGuild = discord.runSlashCommand({
      userId: discord.userId('bob'),
      name: 'config',
      memberPermissions: ['ManageGuild'],
    });

    await Promise.all([inDm.waitForOriginal(), inGuild.waitForOriginal()]);
    const [dm, guild] = seen;
    expect(dm?.guildId).toBeNull();
    expect(dm?.user.id).toBe(discord.userId('alice'));
    expect(dm?.channel?.type).toBe(ChannelType.DM);
    expect(guild?.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(guild?.appPermissions.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(inGuild.original()?.content).toBe('ok');
  });

  it('takes files with an interaction reply and returns the message when asked for the response', async () => {
    const discord = await start();
    const client = await login(discord);
    const responses: Array<string | undefined> = [];
    client.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({
        files: [new AttachmentBuilder(Buffer.from('{"a":1}'), { name: 'trace.json' })],
        withResponse: true,
      });
      responses.push(response.resource?.message?.attachments.first()?.name);
    });

    const handle = discord.runSlashCommand({ userId: discord.userId('alice'), name: 'trace' });

    const original = await handle.waitForOriginal();
    expect(original.attachments[0]).toMatchObject({ filename: 'trace.json', text: '{"a":1}' });
    await expect.poll(() => responses).toEqual(['trace.json']);
  });

  it('shows a modal and routes its submission back to the client', async () => {
    const discord = await start();
    const client = await login(discord);
    client.on('interactionCreate', async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const why = new TextInputBuilder().setCustomId('why').setStyle(TextInputStyle.Paragraph);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('feedback')
            .setTitle('Feedback')
            .addLabelComponents(new LabelBuilder().setLabel('Why?').setTextInputComponent(why)),
        );
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({
          content: `noted: ${interaction.fields.getTextInputValue('why')}`,
          flags: MessageFlags.Ephemeral,
        });
      }
    });

    const command = discord.runSlashCommand({ userId: discord.userId('carol'), name: 'feedback' });
    await command.waitForResponse();
    const submission = discord.submitModal(command, { why: 'clearer answers' });

    expect(command.modal()?.custom_id).toBe('feedback');
    expect((await submission.waitForOriginal()).content).toBe('noted: clearer answers');
    expect(submission.ephemeral).toBe(true);
  });

  it('routes a button click to the client, which updates the message in place', async () => {
    const discord = await start();
    const client = await login(discord);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('vote:a').setLabel('A').setStyle(ButtonStyle.Primary),
    );
    const sent = await textChannel(client, discord.channelId).send({ content: 'pick one', components: [row] });
    client.on('interactionCreate', async (interaction) => {
      if (interaction.isButton())
        await interaction.update({ content: `picked ${interaction.customId}`, components: [] });
    });

    const click = discord.clickButton({
      userId: discord.userId('alice'),
      channelId: discord.channelId,
      messageId: sent.id,
      customId: 'vote:a',
    });

    const updated = await discord.waitForMessage(
      (message) => message.id === sent.id && message.content.startsWith('picked'),
    );
    expect(click.responseType).toBe(7);
    expect(updated).toMatchObject({ content: 'picked vote:a', components: [] });
    expect(discord.message(sent.id)?.versions).toHaveLength(2);
  });

  it('shows the reactions the client adds and echoes them back as gateway events from the bot', async () => {
    const discord = await start();
    const client = await login(discord);
    const sent = await textChannel(client, discord.channelId).send('vote here');
    const echoed = once(client, 'messageReactionAdd');

    await sent.react('👍');
    await sent.react('👎');

    const [, user] = (await echoed) as [unknown, { id: string }];
    expect(user.id).toBe(discord.botUserId);
    expect(discord.reactions(sent.id)).toEqual([
      { emoji: '👍', userIds: [discord.botUserId] },
      { emoji: '👎', userIds: [discord.botUserId] },
    ]);
  });

  it('delivers a reaction on a message sent before a restart as a partial the new client can fetch', async () => {
    const discord = await start();
    const first = await login(discord);
    const sent = await textChannel(first, discord.channelId).send('A or B?');
    await first.destroy();
    const second = await login(discord, { partials: [Partials.Message, Partials.Reaction, Partials.User] });
    const received = once(second, 'messageReactionAdd');

    discord.addReaction({
      userId: discord.userId('bob'),
      channelId: discord.channelId,
      messageId: sent.id,
      emoji: '🅰️',
    });

    const [reaction, user] = (await received) as [import('discord.js').MessageReaction, import('discord.js').User];
    expect(reaction.partial).toBe(true);
    expect(reaction.message.partial).toBe(true);
    expect(user.id).toBe(discord.userId('bob'));
    await reaction.fetch();
    expect(reaction.count).toBe(1);
    expect(reaction.message.content).toBe('A or B?');
    expect(discord.identifies).toHaveLength(2);
  });

  it('delivers reaction removals and user replies to the bot', async () => {
    const discord = await start();
    const client = await login(discord);
    const sent = await textChannel(client, discord.channelId).send('ranked answers');
    const bob = discord.userId('bob');
    const removed = once(client, 'messageReactionRemove');
    const replied = once(client, 'messageCreate') as Promise<[Message]>;

    discord.addReaction({ userId: bob, messageId: sent.id, emoji: '👍' });
    discord.removeReaction({ userId: bob, messageId: sent.id, emoji: '👍' });
    discord.sendMessage({
      channelId: discord.channelId,
      authorId: bob,
      content: 'why A?',
      referencedMessageId: sent.id,
    });

    const [, user] = (await removed) as [unknown, { id: string }];
    expect(user.id).toBe(bob);
    expect(discord.reactions(sent.id)).toEqual([]);
    const [reply] = await replied;
    expect(reply.reference?.messageId).toBe(sent.id);
    expect(reply.mentions.repliedUser?.id).toBe(discord.botUserId);
  });

  it('pages through channel history newest first', async () => {
    const discord = await start();
    const client = await login(discord);
    for (const content of ['one', 'two', 'three', 'four'])
      discord.sendMessage({ channelId: discord.channelId, authorId: discord.userId('carol'), content });
    const channel = textChannel(client, discord.channelId);

    const latest = await channel.messages.fetch({ limit: 2, cache: false });
    const older = await channel.messages.fetch({ limit: 5, before: latest.last()?.id ?? '', cache: false });

    expect([...latest.values()].map((message) => message.content)).toEqual(['four', 'three']);
    expect([...older.values()].map((message) => message.content)).toEqual(['two', 'one']);
  });

  it('refuses a post into a channel where the bot may not send, and the client can see why beforehand', async () => {
    const discord = await start();
    const votes = discord.channelIds.votes ?? '';
    discord.denyPermissions(votes, ['SendMessages', 'AddReactions']);
    const client = await login(discord);
    const channel = textChannel(client, votes);

    expect(channel.permissionsFor(client.user)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    const failure = await channel.send('hello').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ code: 50013, status: 403 });
    expect(discord.messages(votes)).toEqual([]);
  });

  it('tells a connected client when its permissions in a channel change', async () => {
    const discord = await start();
    const client = await login(discord);
    const updated = once(client, 'channelUpdate');

    discord.denyPermissions(discord.channelId, ['EmbedLinks']);

    await updated;
    expect(
      textChannel(client, discord.channelId).permissionsFor(client.user)?.has(PermissionFlagsBits.EmbedLinks),
    ).toBe(false);
    await expect(textChannel(client, discord.channelId).send({ embeds: [{ title: 'x' }] })).rejects.toMatchObject({
      code: 50013,
    });
  });

  it('keeps the bytes of an attachment the client uploads and serves them at the attachment URL', async () => {
    const discord = await start();
    const client = await login(discord);

    const sent = await textChannel(client, discord.channelId).send({
      content: 'export',
      files: [new AttachmentBuilder(Buffer.from('prompt,chosen\nhi,A\n'), { name: 'votes.csv' })],
    });

    const attachment = discord.message(sent.id)?.attachments[0];
    expect(attachment).toMatchObject({ filename: 'votes.csv', text: 'prompt,chosen\nhi,A\n' });
    expect(sent.attachments.first()?.name).toBe('votes.csv');
    expect(await (await fetch(attachment?.url ?? '')).text()).toBe('prompt,chosen\nhi,A\n');
  });

  it('delivers a DM with no guild, and the client can reply in the DM', async () => {
    const discord = await start();
    const client = await login(discord, { partials: [Partials.Channel] });
    const alice = discord.userId('alice');
    const received = once(client, 'messageCreate') as Promise<[Message]>;

    discord.sendMessage({ channelId: discord.dmChannelId(alice), authorId: alice, content: 'hi in private' });

    const [message] = await received;
    expect(message.guildId).toBeNull();
    expect(message.channel.type).toBe(ChannelType.DM);
    const reply = await message.reply('hello back');
    expect(discord.message(reply.id)).toMatchObject({
      channelId: discord.dmChannelId(alice),
      guildId: null,
      content: 'hello back',
    });
    expect(discord.message(reply.id)?.reference?.messageId).toBe(message.id);
  });

  it('rejects an over-long message with Invalid Form Body naming the field', async () => {
    const discord = await start();
    const client = await login(discord);

    const failure = await textChannel(client, discord.channelId)
      .send('x'.repeat(2001))
      .catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 50035 });
    expect(String((failure as Error).message)).toContain('content[BASE_TYPE_MAX_LENGTH]');
  });

  it('retries after a 429 and still posts the message', async () => {
    const discord = await start();
    const client = await login(discord);
    const path = `/channels/${discord.channelId}/messages`;
    discord.rateLimitNextRequest({ method: 'POST', path });

    await textChannel(client, discord.channelId).send('after the limit');

    expect(discord.restCalls.filter((call) => call.path === path).map((call) => call.status)).toEqual([429, 200]);
    expect(discord.messages(discord.channelId).map((message) => message.content)).toEqual(['after the limit']);
  });

  it('resumes after a dropped connection and receives the events it missed', async () => {
    const discord = await start();
    const client = await login(discord);
    const resumed = once(client, 'shardResume');

    discord.dropConnections();
    const received = once(client, 'messageCreate') as Promise<[Message]>;
    discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('carol'),
      content: 'while you were away',
    });

    await resumed;
    expect((await received)[0].content).toBe('while you were away');
    expect(discord.identifies).toHaveLength(1);
  });

  it('resumes when the gateway asks it to reconnect', async () => {
    const discord = await start();
    const client = await login(discord);
    const resumed = once(client, 'shardResume');

    discord.requestReconnect();

    await resumed;
    await discord.waitForSession();
    expect(discord.identifies).toHaveLength(1);
  });

  it('answers the fetches a bot makes: application, user, member, all members, channel', async () => {
    const discord = await start();
    const client = await login(discord, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers] });
    const guild = client.guilds.cache.get(discord.guildId);
    const alice = discord.userId('alice');

    await client.application.fetch();
    const user = await client.users.fetch(alice, { force: true });
    const member = await guild?.members.fetch({ user: alice, force: true });
    const everyone = await guild?.members.fetch();
    const channel = await client.channels.fetch(discord.channelIds.votes ?? '', { force: true });

    expect(client.application.name).toBe('Dialog Lab');
    expect(user.username).toBe('alice');
    expect(member?.id).toBe(alice);
    expect(everyone?.size).toBe(4);
    expect(channel?.id).toBe(discord.channelIds.votes);
  });

  it('delivers 1000 reactions from 500 users without losing one', async () => {
    const discord = await start({ users: Array.from({ length: 500 }, (_, index) => `voter${index}`) });
    const client = await login(discord, { partials: [Partials.Message, Partials.Reaction, Partials.User] });
    const sent = await textChannel(client, discord.channelId).send('A or B?');
    let received = 0;
    client.on('messageReactionAdd', () => {
      received += 1;
    });

    await Promise.all(
      discord.userIds.flatMap((userId) =>
        ['🅰️', '🅱️'].map(async (emoji) => discord.addReaction({ userId, messageId: sent.id, emoji })),
      ),
    );

    await expect.poll(() => received, { timeout: 10_000 }).toBe(1000);
    expect(discord.reactions(sent.id).map((reaction) => reaction.userIds.length)).toEqual([500, 500]);
  });

  it('answers 20 slash commands run at once', async () => {
    const discord = await start();
    const client = await login(discord);
    client.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply(`answer ${interaction.options.getInteger('n')}`);
    });

    const handles = Array.from({ length: 20 }, (_, n) =>
      discord.runSlashCommand({ userId: discord.userIds[n % 3] ?? '', name: 'ask', options: { n } }),
    );

    const originals = await Promise.all(handles.map((handle) => handle.waitForOriginal(undefined, 10_000)));
    expect(originals.map((message) => message.content)).toEqual(Array.from({ length: 20 }, (_, n) => `answer ${n}`));
  });

  it('acknowledges heartbeats', async () => {
    const discord = await start({ heartbeatIntervalMs: 50 });
    const client = await login(discord);

    await discord.waitFor(() => discord.heartbeats >= 2, { description: 'two heartbeats' });
    await expect.poll(() => client.ws.ping).toBeGreaterThanOrEqual(0);
  });
});
