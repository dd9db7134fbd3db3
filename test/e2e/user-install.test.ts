// /compare as a user-installed app in a server the bot is not in: Discord offers it only as a global, user-installable
// command; the bot cannot add or read reactions there, so the ballot is buttons, one live vote per person,
// changeable, stored like reactions but flagged as button votes, and counted on /leaderboard; in both layouts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { buttonId, buttonsOf } from '../fixtures/buttons.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { v2Text } from '../fixtures/v2-text.ts';
import { checkV2Message } from '../../src/render/discord/v2/check-v2-message.ts';

const ELSEWHERE = '1200000000000000001';

let harness: Harness;
async function start(layout: 'embeds' | 'components-v2') {
  harness = await startHarness({
    env: { MESSAGE_LAYOUT: layout },
    discord: {
      guilds: [{ name: 'Dialog Lab' }, { name: 'Elsewhere', id: ELSEWHERE, withBot: false }],
      users: ['alice', 'bob', 'carol'],
    },
  });
  harness.model.respond(pipelineAnswers());
  const { discord } = harness;
  await registerCommands(
    { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl },
    commands,
  ); // user installs need global commands
}
afterEach(async () => {
  await harness.stop();
});

const press = (user: string, messageId: string, label: string, message = harness.discord.message(messageId)) =>
  harness.discord
    .clickButton({ userId: harness.discord.userId(user), messageId, customId: buttonId(message!, label) })
    .waitForOriginal();

describe.each(['embeds', 'components-v2'] as const)(
  'user-installed commands in a server without the bot (%s)',
  (layout) => {
    beforeEach(() => start(layout));

    it('takes /compare votes with buttons, lets a voter change theirs, and counts them on /leaderboard like reactions', async () => {
      const { discord, services } = harness;
      const handle = discord.runSlashCommand({
        name: 'compare',
        userId: discord.userId('alice'),
        guildId: ELSEWHERE,
        options: { prompt: 'hello', pipelines: 'plain, cot' },
      });
      expect(handle.payload.authorizing_integration_owners).toEqual({ 1: discord.userId('alice') });
      const message = await handle.waitForOriginal(
        (candidate) => buttonsOf(candidate).some((shown) => shown.label === 'A'),
        15_000,
      );
      const labels = buttonsOf(message).map((shown) => shown.label);
      expect(labels.slice(0, 4)).toEqual(['A', 'B', '🤝 Tie', '👎 All bad']);
      expect(labels).toContain('Reveal pipelines');
      expect(layout === 'embeds' ? message.content : v2Text(message.components)).toContain(
        'Press the button of the best answer (A, B, 🤝 Tie, 👎 All bad)',
      );
      if (layout === 'components-v2') expect(checkV2Message(message)).toEqual([]);
      expect(discord.restCalls.some((call) => call.path.includes('/reactions/'))).toBe(false);

      expect((await press('bob', message.id, 'A')).content).toBe(
        'Your vote: **A**. Press another button to change it.',
      );
      expect((await press('bob', message.id, 'B')).content).toBe(
        'Your vote: **B**. Press another button to change it.',
      );
      await press('carol', message.id, 'B');

      const comparison = await services.comparisons.findByMessageId(message.id);
      const votes = await services.votes.votesFor(comparison?.id ?? '');
      expect(votes.map((vote) => [vote.choice, vote.source])).toEqual([
        [{ kind: 'pick', slot: 1 }, 'button'],
        [{ kind: 'pick', slot: 1 }, 'button'],
      ]);

      const board = await discord
        .runSlashCommand({ name: 'leaderboard', userId: discord.userId('bob'), options: { scope: 'global' } })
        .waitForOriginal(undefined, 30_000);
      const shown = layout === 'embeds' ? board.content : v2Text(board.components);
      expect(shown).toContain('2 votes** counted');
      expect(shown).toMatch(/^\s*\d+(–\d+)? cot\s+\d+ /m);
      expect(harness.loggedErrors).toEqual([]);
    });

    it('answers a user-installed /ask there', async () => {
      const { discord } = harness;
      const handle = discord.runSlashCommand({
        name: 'ask',
        userId: discord.userId('alice'),
        guildId: ELSEWHERE,
        options: { prompt: 'hi there' },
      });
      const reply = await handle.waitForOriginal((message) => message.content.includes('-# plain'), 15_000);
      expect(reply.content).toContain('Reply alpha.');
      expect(harness.loggedErrors).toEqual([]);
    });
  },
);
