// The words a user sees when a limit refuses a compare: waiting times and money in plain language, rounded so the
// promised time is never too early (12 min 10 s reads "13 minutes").
import { plural } from '../../base/plural.ts';

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;

/** "45 seconds", "12 minutes", "5 hours", "4 hours 10 minutes"; never less than one second. */
export function formatWait(milliseconds: number): string {
  const seconds = Math.max(1, Math.ceil(milliseconds / SECOND_MS));
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.ceil(milliseconds / MINUTE_MS);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

export const formatUsd = (usd: number) => `$${usd.toFixed(2)}`;

export function rateLimitedMessage(perHour: number, waitMs: number, noun = 'comparison'): string {
  return `You have used your ${plural(perHour, noun)} for this hour. Your next one is available in ${formatWait(waitMs)}.`;
}

export function costCapMessage(input: {
  inGuild: boolean;
  capUsd: number;
  spentUsd: number;
  incomplete: boolean;
  untilResetMs: number;
}): string {
  const who = input.inGuild ? 'This server has' : 'Direct messages with the bot have';
  const whose = input.inGuild ? 'its' : 'their';
  // Unknown prices count as 0, so the real spend is higher than the sum.
  const spent = `${input.incomplete ? 'at least ' : ''}${formatUsd(input.spentUsd)}`;
  return (
    `${who} reached ${whose} daily model budget of ${formatUsd(input.capUsd)} (spent ${spent} today). ` +
    `It resets at 00:00 UTC, in ${formatWait(input.untilResetMs)}.`
  );
}
