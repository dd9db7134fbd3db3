// The fake Discord checks Components v2 messages as Discord does (a bare discord.js client, no bot code): the flag
// rules out content and embeds, only v2 component types are allowed, 40 components and 4,000 characters at most.
import {
  ButtonBuilder,
  ButtonStyle,
  type Client,
  ContainerBuilder,
  DiscordAPIError,
  MediaGalleryBuilder,
  MessageFlags,
  SectionBuilder,
  SeparatorBuilder,
  TextDisplayBuilder,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBareClient } from '../fakes/discord/bare-client.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';

let discord: FakeDiscord;
let client: Client<true>;

async function start() {
  discord = await startFakeDiscord();
  client = await loginBareClient(discord);
}

afterEach(async () => {
  await client.destroy();
  await discord.close();
});

const channel = () => {
  const found = client.channels.cache.get(discord.channelId);
  if (!found?.isSendable()) throw new Error('no sendable channel');
  return found;
};

const card = (text: string) =>
  new ContainerBuilder()
    .setAccentColor(0x5865f2)
    .addSectionComponents(
      new SectionBuilder()
        .addTextDisplayComponents(new TextDisplayBuilder().setContent(text))
        .setButtonAccessory(
          new ButtonBuilder().setCustomId('full').setLabel('Full answer').setStyle(ButtonStyle.Primary),
        ),
    )
    .addSeparatorComponents(new SeparatorBuilder())
    .addMediaGalleryComponents(
      new MediaGalleryBuilder().addItems((item) => item.setURL('https://example.com/chart.png')),
    );

async function failureOf(send: Promise<unknown>): Promise<DiscordAPIError> {
  const failure = await send.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(failure instanceof DiscordAPIError)) throw new Error(`expected Discord to refuse, got ${String(failure)}`);
  return failure;
}

describe('Components v2 in the fake Discord', () => {
  it('stores a v2 message with its flag and nested component types', async () => {
    await start();
    const sent = await channel().send({
      flags: MessageFlags.IsComponentsV2,
      components: [card('Answer A'), new TextDisplayBuilder().setContent('React to vote')],
    });
    const stored = discord.message(sent.id);
    expect((stored?.flags ?? 0) & MessageFlags.IsComponentsV2).not.toBe(0);
    expect(stored?.components.map((component) => component.type)).toEqual([17, 10]);
  });

  it('refuses content or embeds beside the flag with 400 Invalid Form Body', async () => {
    await start();
    const failure = await failureOf(
      channel().send({ content: 'hi', flags: MessageFlags.IsComponentsV2, components: [card('A')] }),
    );
    expect(failure.status).toBe(400);
    expect(failure.code).toBe(50035);
    expect(failure.message).toContain('content[MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2]');
    const withEmbed = await failureOf(
      channel().send({ embeds: [{ description: 'x' }], flags: MessageFlags.IsComponentsV2, components: [card('A')] }),
    );
    expect(withEmbed.message).toContain('embeds[MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2]');
  });

  it('refuses more than 40 components counting nested ones, and more than 4,000 characters of text', async () => {
    await start();
    // 8 cards of 6 components each (container, section, its text and button, separator, gallery): 48.
    const tooMany = await failureOf(
      channel().send({ flags: MessageFlags.IsComponentsV2, components: Array.from({ length: 8 }, () => card('x')) }),
    );
    expect(tooMany.message).toContain('components[BASE_TYPE_MAX_LENGTH]');
    const tooLong = await failureOf(
      channel().send({
        flags: MessageFlags.IsComponentsV2,
        components: [card('x'.repeat(2001)), card('y'.repeat(2000))],
      }),
    );
    expect(tooLong.message).toContain('components[COMPONENTS_V2_TEXT_TOO_LONG]');
    const fits = await channel().send({
      flags: MessageFlags.IsComponentsV2,
      components: [card('x'.repeat(2000)), card('y'.repeat(2000))],
    });
    expect(discord.message(fits.id)?.components).toHaveLength(2);
  });

  it('refuses a component type v2 does not allow at the top level, and an edit that adds content to a v2 message', async () => {
    await start();
    const accessoryAlone = await failureOf(
      channel().send({
        flags: MessageFlags.IsComponentsV2,
        components: [{ type: 11, media: { url: 'https://example.com/a.png' } }] as never,
      }),
    );
    expect(accessoryAlone.message).toContain('components[0].type[BASE_TYPE_CHOICES]');
    const sent = await channel().send({ flags: MessageFlags.IsComponentsV2, components: [card('A')] });
    const edit = await failureOf(sent.edit({ content: 'now with content' }));
    expect(edit.message).toContain('content[MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2]');
  });
});
