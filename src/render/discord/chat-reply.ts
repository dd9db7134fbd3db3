// A chat answer as Discord messages: split at 2000 characters, a cursor while streaming, the figures as
// subtext under the last message when done. Warnings become llmcord-style ⚠️ lines. answerText reads a posted
// message back into the answer alone (for the history of a reply chain), with the same markers.
import { findFences } from './text/fence-regions.js';
import { MESSAGE_CONTENT_MAX } from './text/discord-limits.js';
import { SUBTEXT } from './text/discord-markdown.js';
import { splitMarkdown } from './text/split-markdown.js';

export const STREAMING_CURSOR = ' ▌';
const WARNING = '⚠️';

/** A model stopped by max_tokens (or still streaming) can leave a code block open; close it for display. */
function closingFor(chunk: string): string {
  const last = findFences(chunk).at(-1);
  return last && last.closeStart === chunk.length ? `\n${last.marker}` : '';
}

/** Splits the chunk again when its closing text would push it past the limit. */
function withTail(chunks: string[], tailOf: (chunk: string) => string): string[] {
  const last = chunks.at(-1);
  if (last === undefined) return chunks;
  const tail = tailOf(last);
  if (last.length + tail.length <= MESSAGE_CONTENT_MAX) return [...chunks.slice(0, -1), last + tail];
  const resplit = splitMarkdown(last, MESSAGE_CONTENT_MAX - tail.length - 4);
  const newLast = resplit.pop() ?? '';
  return [...chunks.slice(0, -1), ...resplit, newLast + tailOf(newLast)];
}

export function renderChatReply(text: string, footer: string | null, options: { streaming?: boolean } = {}): string[] {
  const chunks = splitMarkdown(text, MESSAGE_CONTENT_MAX);
  if (options.streaming) {
    if (chunks.length === 0) return [STREAMING_CURSOR.trim()];
    return withTail(chunks, (chunk) => {
      const closing = closingFor(chunk);
      return closing ? `${closing}\n${STREAMING_CURSOR.trim()}` : STREAMING_CURSOR;
    });
  }
  const closed = withTail(chunks, closingFor);
  if (!footer?.trim()) return closed;
  const subtext = `${SUBTEXT}${footer.replace(/\s+/g, ' ').trim()}`.slice(0, MESSAGE_CONTENT_MAX);
  const last = closed.at(-1);
  if (last !== undefined && last.length + 1 + subtext.length <= MESSAGE_CONTENT_MAX) {
    return [...closed.slice(0, -1), `${last}\n${subtext}`];
  }
  return [...closed, subtext];
}

/** "⚠️ Only the last 10 messages were used", one line per distinct warning; '' when there are none. */
export function renderWarnings(warnings: string[]): string {
  return [...new Set(warnings.map((warning) => warning.trim()).filter(Boolean))].map((warning) => `${WARNING} ${warning}`).join('\n');
}

/** A message the bot posted, without what is not part of the answer: the subtext footer, ⚠️ warnings, the cursor. */
export function answerText(content: string): string {
  const lines = content.split('\n').filter((line) => !line.startsWith(SUBTEXT) && !line.startsWith(WARNING));
  const text = lines.join('\n');
  return (text.endsWith(STREAMING_CURSOR) ? text.slice(0, -STREAMING_CURSOR.length) : text).trim();
}
