// Export options as people type them in /export or on the command line, checked once with messages that
// say what to type instead. Shared so both front ends accept exactly the same things.
import { UserError } from '../base/user-error.ts';
import { EXPORT_FORMATS, type ExportFormat } from './schemas.ts';

export function parseExportFormat(text: string): ExportFormat {
  const format = EXPORT_FORMATS.find((known) => known === text.trim().toLowerCase());
  if (format === undefined)
    throw new UserError('invalid-option', `Unknown export format "${text}". Formats: ${EXPORT_FORMATS.join(', ')}.`);
  return format;
}

/** A calendar day, YYYY-MM-DD, meaning midnight UTC; returned as given so exports can parse it again. */
export function parseSinceDay(text: string): string {
  const day = text.trim();
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) && new Date(day).toISOString().startsWith(day);
  if (!valid)
    throw new UserError(
      'invalid-option',
      `since must be a day written YYYY-MM-DD, such as 2026-11-01 (got "${text}").`,
    );
  return day;
}

export function parseAggregate(text: string): 'per-vote' | 'majority' {
  const value = text.trim().toLowerCase();
  if (value === 'per-vote' || value === 'majority') return value;
  throw new UserError('invalid-option', `aggregate must be per-vote or majority (got "${text}").`);
}
