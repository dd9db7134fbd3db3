// .env.example and the README's settings table are what a new operator reads: every setting the bot parses is
// in both, and neither lists a setting the bot ignores.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BotEnv } from '../../src/config/env.ts';

const parsed = Object.keys(BotEnv.shape).sort();

describe('settings documentation', () => {
  it('.env.example lists exactly the settings the bot parses', () => {
    const listed = [...readFileSync('.env.example', 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect([...new Set(listed)].sort()).toEqual(parsed);
  });

  it('the README settings table lists exactly the settings the bot parses', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(
      readme.indexOf('## Settings (.env)'),
      readme.indexOf('\n## ', readme.indexOf('## Settings (.env)') + 1),
    );
    const listed = [...table.matchAll(/^\| (`[A-Z][A-Z0-9_]*`(?: \/ `[A-Z][A-Z0-9_]*`)*) \|/gm)].flatMap((match) =>
      [...(match[1] ?? '').matchAll(/`([A-Z0-9_]+)`/g)].map((name) => name[1]),
    );
    expect([...new Set(listed)].sort()).toEqual(parsed);
  });
});
