// `npm run deploy-commands` as an admin runs it: registers every command with the Discord API it is
// pointed at, to one server or globally, and running it twice changes nothing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';

let discord: FakeDiscord;
beforeEach(async () => {
  discord = await startFakeDiscord();
});
afterEach(async () => {
  await discord.close();
});

async function deploy(args: string[] = [], env: Record<string, string> = {}) {
  const childEnv = {
    PATH: process.env.PATH ?? '',
    DISCORD_TOKEN: discord.token,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    ...env,
  };
  return promisify(execFile)(process.execPath, ['src/cli/deploy-commands.ts', ...args], { env: childEnv });
}

describe('deploy-commands', () => {
  it('registers every command to the server named in DISCORD_GUILD_ID, idempotently', async () => {
    const first = await deploy([], { DISCORD_GUILD_ID: discord.guildId });
    expect(first.stdout).toContain(`Registered ${commands.length} commands (server ${discord.guildId})`);
    expect(first.stdout).toContain(
      'Note: /compare and /ask can be installed by users for use anywhere only once registered globally (`npm run deploy-commands -- --global`).',
    );
    await deploy([], { DISCORD_GUILD_ID: discord.guildId });
    expect(
      discord
        .commands(discord.guildId)
        .map((command) => command.name)
        .sort(),
    ).toEqual(commands.map((command) => command.data.name).sort());
    expect(discord.commands()).toEqual([]);
  }, 30_000);

  it('registers globally with --global', async () => {
    const { stdout } = await deploy(['--global'], { DISCORD_GUILD_ID: discord.guildId });
    expect(stdout).toContain('(global)');
    expect(discord.commands().map((command) => command.name)).toContain('compare');
  }, 30_000);

  it('explains a missing token instead of failing obscurely', async () => {
    const failure = await deploy([], { DISCORD_TOKEN: '' }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('DISCORD_TOKEN is missing');
  }, 30_000);

  it('removes the server-scoped copies when deploying globally, so no command shows twice', async () => {
    await deploy([], { DISCORD_GUILD_ID: discord.guildId });
    const { stdout } = await deploy(['--global']);
    expect(stdout).toContain(
      `Removed ${commands.length} server-scoped copies in server ${discord.guildId}, so no command shows twice there.`,
    );
    expect(discord.commands(discord.guildId)).toEqual([]);
    expect(
      discord
        .commands()
        .map((command) => command.name)
        .sort(),
    ).toEqual(commands.map((command) => command.data.name).sort());
  }, 30_000);

  it('warns when a server deploy duplicates global commands', async () => {
    await deploy(['--global']);
    const { stderr } = await deploy(['--guild', discord.guildId]);
    expect(stderr).toContain(
      `Warning: ${commands.length} of these commands are also registered globally, so server ${discord.guildId} shows them twice.`,
    );
  }, 30_000);

  it('prints the usage for an unknown option, without a stack trace', async () => {
    const failure = await deploy(['--globl']).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain("Unknown option '--globl'");
    expect(stderr).toContain('Usage: npm run deploy-commands');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('names the Discord API URL it could not reach', async () => {
    const failure = await deploy([], {
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DISCORD_GUILD_ID: discord.guildId,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain(
      'Could not register commands: could not connect to Discord at http://127.0.0.1:9/api (ECONNREFUSED)',
    );
  }, 30_000);
});
