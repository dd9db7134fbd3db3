// Settings come from .env: a missing or malformed one is named, with what to do, all at once, and
// secrets are never echoed back.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadBotSettings, loadEngineSettings } from '../../src/config/env.ts';

function problems(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('settings', () => {
  it('uses documented defaults when only the API key is given', () => {
    const settings = loadEngineSettings({ OPENAI_API_KEY: 'sk-x' });
    expect(settings).toMatchObject({
      OPENAI_BASE_URL: 'https://api.openai.com/v1',
      OPENAI_MODEL: 'gpt-4o-mini',
      COMPARE_PIPELINES: ['plain', 'cot', 'rules', 'constitution'],
      LLM_MAX_RETRIES: 2,
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('names every missing variable of the bot at once, with where to find it', () => {
    const lines = problems(() => loadBotSettings({}));
    expect(lines).toEqual([
      'OPENAI_API_KEY is missing: copy .env.example to .env and set your API key (any non-empty text for Ollama or vLLM)',
      'DISCORD_TOKEN is missing: copy .env.example to .env and paste the bot token from the Discord Developer Portal (Bot tab)',
      'DISCORD_CLIENT_ID is missing: paste the Application ID from the Developer Portal (General Information)',
    ]);
  });

  it('treats an empty value like a missing one', () => {
    expect(problems(() => loadEngineSettings({ OPENAI_API_KEY: '  ' }))[0]).toMatch(/^OPENAI_API_KEY is missing/);
  });

  it('explains a malformed value without printing secrets', () => {
    const lines = problems(() =>
      loadBotSettings({
        OPENAI_API_KEY: 'sk-secret',
        DISCORD_TOKEN: 'tok-secret',
        DISCORD_CLIENT_ID: 'abc',
        OPENAI_BASE_URL: 'localhost:11434',
        LLM_TIMEOUT_MS: 'soon',
      }),
    );
    expect(lines).toEqual([
      'OPENAI_BASE_URL must be a URL such as http://127.0.0.1:11434/v1 (got "localhost:11434")',
      'LLM_TIMEOUT_MS must be a whole number above 0 (got "soon")',
      'DISCORD_CLIENT_ID must be the numeric application id (got "abc"): paste the Application ID from the Developer Portal (General Information)',
    ]);
    expect(lines.join('\n')).not.toMatch(/secret/);
  });

  it('names the value it could not read for every kind of setting, masking a password in a URL', () => {
    const required = { OPENAI_API_KEY: 'sk-x', DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: '123456789' };
    const lines = problems(() =>
      loadBotSettings({
        ...required,
        SHARDS: 'banana',
        DAILY_COST_CAP_USD: 'lots',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'admin:hunter2@127.0.0.1:6379',
      }),
    );
    expect(lines).toEqual([
      'REDIS_URL must be a URL such as redis://127.0.0.1:6379 (got "…@127.0.0.1:6379")',
      'DAILY_COST_CAP_USD must be an amount in USD such as 2.50 (got "lots")',
      'SHARDS must be auto or a number of shards from 1 to 1000, or empty for one process without sharding (got "banana")',
      'LOG_LEVEL must be debug, info, warn or error (got "loud")',
    ]);
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('reads the chat switches as on/off and names a wrong one', () => {
    const required = { OPENAI_API_KEY: 'sk-x', DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: '123456789' };
    expect(loadBotSettings(required)).toMatchObject({
      CHAT_THREADS: false,
      IMAGE_INPUT: true,
      TEXT_FILE_MAX_BYTES: 100_000,
    });
    expect(loadBotSettings({ ...required, CHAT_THREADS: 'on', IMAGE_INPUT: 'off' })).toMatchObject({
      CHAT_THREADS: true,
      IMAGE_INPUT: false,
    });
    expect(problems(() => loadBotSettings({ ...required, IMAGE_INPUT: 'yes' }))).toEqual([
      'IMAGE_INPUT must be on or off (got "yes")',
    ]);
  });

  it('lays messages out as Components v2 unless MESSAGE_LAYOUT=embeds asks for the older layout', () => {
    const required = { OPENAI_API_KEY: 'sk-x', DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: '123456789' };
    expect(loadBotSettings(required).MESSAGE_LAYOUT).toBe('components-v2');
    expect(loadBotSettings({ ...required, MESSAGE_LAYOUT: '' }).MESSAGE_LAYOUT).toBe('components-v2');
    expect(loadBotSettings({ ...required, MESSAGE_LAYOUT: 'embeds' }).MESSAGE_LAYOUT).toBe('embeds');
    expect(problems(() => loadBotSettings({ ...required, MESSAGE_LAYOUT: 'cards' }))).toEqual([
      'MESSAGE_LAYOUT must be components-v2 or embeds (got "cards")',
    ]);
  });
});
