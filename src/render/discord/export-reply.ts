// The private reply to /export: the dataset and its sidecar as attachments with a one-line summary, or,
// when there is nothing to send or the files are too big to upload, a summary that says so and what to do.
import { describeExport } from '../describe-export.ts';
import type { ExportSummary } from '../../export/export-files.ts';
import type { ExportUpload } from '../../export/export-to-temporary-files.ts';
import { exportFileName, sidecarPathOf } from '../../export/export-paths.ts';
import { MESSAGE_CONTENT_MAX } from './text/discord-limits.ts';

/** Discord's smallest upload limit per message (servers without boosts); bigger exports go through the CLI. */
export const UPLOAD_MAX_BYTES = 8 * 1024 * 1024;

export interface ExportReply {
  content: string;
  files: { name: string; attachment: Buffer }[];
  allowedMentions: { parse: [] };
}

export function renderExportReply(
  files: ExportSummary,
  upload: ExportUpload,
  where: { guildId: string; day: Date },
): ExportReply {
  const summary = describeExport(files);
  const reply = (content: string, attached: ExportReply['files'] = []): ExportReply => ({
    content: content.slice(0, MESSAGE_CONTENT_MAX),
    files: attached,
    allowedMentions: { parse: [] },
  });
  if (files.lines === 0) return reply(`Nothing to export with these options. ${summary}`);
  const name = exportFileName(files.format, where.guildId, where.day);
  if ('tooBig' in upload) {
    const mebibytes = (upload.tooBig / 1024 / 1024).toFixed(1);
    const command = `npm run export -- --format ${files.format} --guild ${where.guildId}${files.aggregate === 'majority' ? ' --aggregate majority' : ''} --out ${name}`;
    return reply(
      `The export is ${mebibytes} MiB, more than Discord’s ${UPLOAD_MAX_BYTES / 1024 / 1024} MiB upload limit. Run \`${command}\` on the bot’s machine instead (add --since / --include-after-reveal as needed).\n${summary}`,
    );
  }
  return reply(
    `${summary}\n-# \`${sidecarPathOf(name)}\` describes each line (comparison, pipelines, hashed voters) in the same order.`,
    [
      { name, attachment: upload.data },
      { name: sidecarPathOf(name), attachment: upload.meta },
    ],
  );
}
