// The layout setting (MESSAGE_LAYOUT) applied to the messages that have two: the comparison, the reveal and the
// leaderboard, drawn with embeds or as Components v2. Everything else has one layout.
import { MessageFlags } from 'discord.js';
import type { Leaderboard } from '../../ratings/leaderboard.ts';
import type { ChartFile } from '../charts/leaderboard-charts.ts';
import { type ComparisonPayload, type ComparisonView, renderComparison } from './comparison-message.ts';
import { type LeaderboardMessage, type LeaderboardView, renderLeaderboard } from './leaderboard/leaderboard-message.ts';
import { type RevealOptions, type RevealPayload, type RevealSlot, renderReveal } from './reveal-message.ts';
import { renderComparisonV2 } from './v2/comparison-v2.ts';
import { embedsToV2 } from './v2/embeds-to-v2.ts';
import type { V2Message } from './v2/v2-parts.ts';

export type MessageLayout = 'embeds' | 'components-v2';

/**
 * The layout a message already shown is in, so an edit keeps it: Discord refuses to take the v2 flag off, and an
 * embed message posted before the switch to v2 stays embeds. A placeholder with nothing shown yet takes `setting`.
 */
export function layoutOfShown(
  message: { flags?: number; content?: string; embeds?: readonly unknown[] },
  setting: MessageLayout,
): MessageLayout {
  if (((message.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0) return 'components-v2';
  return message.content || (message.embeds?.length ?? 0) > 0 ? 'embeds' : setting;
}

type V2Payload = V2Message & { allowedMentions: { parse: [] } };

export function renderComparisonIn(layout: MessageLayout): (view: ComparisonView) => ComparisonPayload | V2Payload {
  return layout === 'components-v2' ? renderComparisonV2 : renderComparison;
}

export function renderRevealIn(
  layout: MessageLayout,
  slots: RevealSlot[],
  options: RevealOptions,
): RevealPayload | V2Payload {
  const payload = renderReveal(slots, options);
  return layout === 'components-v2' ? embedsToV2(payload) : payload;
}

/** The files stay attached in both layouts; v2 points at them (charts in a media gallery, the JSON as a file). */
export function renderLeaderboardIn(
  layout: MessageLayout,
  board: Leaderboard,
  view: LeaderboardView,
  charts: ChartFile[],
): LeaderboardMessage | (V2Payload & Pick<LeaderboardMessage, 'files'>) {
  const message = renderLeaderboard(board, view, charts);
  if (layout === 'embeds') return message;
  return { ...embedsToV2({ ...message, files: message.files.map((file) => file.name) }), files: message.files };
}
