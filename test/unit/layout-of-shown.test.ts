// An edit keeps the layout a message was posted in: v2 stays v2 (Discord refuses to remove the flag), an embed
// message posted before the switch stays embeds, and a deferred placeholder that shows nothing yet takes the setting.
import { MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { layoutOfShown } from '../../src/render/discord/message-layout.ts';

describe('layoutOfShown', () => {
  it('keeps a v2 message v2 and an embed message embeds, whatever MESSAGE_LAYOUT says now', () => {
    expect(layoutOfShown({ flags: MessageFlags.IsComponentsV2, content: '', embeds: [] }, 'embeds')).toBe(
      'components-v2',
    );
    expect(layoutOfShown({ flags: 0, content: '**Blind comparison**', embeds: [{}] }, 'components-v2')).toBe('embeds');
    expect(layoutOfShown({ flags: 0, content: '', embeds: [{}] }, 'components-v2')).toBe('embeds');
  });

  it('lets a placeholder that shows nothing yet take the setting', () => {
    expect(layoutOfShown({ flags: MessageFlags.Loading, content: '', embeds: [] }, 'components-v2')).toBe(
      'components-v2',
    );
    expect(layoutOfShown({}, 'embeds')).toBe('embeds');
  });
});
