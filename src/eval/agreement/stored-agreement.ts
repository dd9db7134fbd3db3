// The last `npm run agreement` report, kept in the eval results folder beside the eval logs, so a technique card
// can quote the judge–human agreement of its pipeline without asking the judge again.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatIssues } from '../../base/format-issue.ts';
import { UserError } from '../../base/user-error.ts';
import { type AgreementReport, AgreementReportSchema } from './agreement-report.ts';

export const agreementReportFile = (resultsDir: string): string => path.join(resultsDir, 'agreement.json');

/** null when no agreement run has stored its report there yet. */
export async function readStoredAgreement(
  resultsDir: string,
): Promise<{ file: string; report: AgreementReport } | null> {
  const file = agreementReportFile(resultsDir);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError('invalid-eval-set', `${file} is not a report of npm run agreement: run it again.`);
  }
  const report = AgreementReportSchema.safeParse(data);
  if (!report.success)
    throw new UserError(
      'invalid-eval-set',
      `${formatIssues(file, report.error, data).join('\n')}\nIt was written by an older release: run npm run agreement again.`,
    );
  return { file, report: report.data };
}
