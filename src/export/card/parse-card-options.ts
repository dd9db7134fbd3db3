// The options of `npm run export -- --card` as typed, checked at once with messages that say what to type:
// the formats to write, and what the card says about the publication (licence, page, creator, name, languages,
// version). The licence has no default: publishing under a licence is the operator's decision.
import { UserError } from '../../base/user-error.ts';
import { HfLicenseSchema, type HfLicense } from '../../config/dataset-licenses.ts';
import { parseExportFormat } from '../parse-export-options.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../schemas.ts';
import { PublicationSchema, type Publication } from './published-export.ts';

/** `trl-dpo,kto` → those formats in that order; `all` (the default) → every format. */
export function parseFormatList(text: string | undefined): ExportFormat[] {
  if (text === undefined || text.trim().toLowerCase() === 'all') return [...EXPORT_FORMATS];
  return [...new Set(text.split(',').map(parseExportFormat))];
}

export interface CardOptionsInput {
  license: string | undefined;
  /** EXPORT_LICENSE, already checked when the settings were read. */
  defaultLicense: HfLicense | undefined;
  licenseName: string | undefined;
  licenseLink: string | undefined;
  url: string | undefined;
  creator: string | undefined;
  name: string | undefined;
  language: string;
  version: string;
  today: Date;
}

function licenseOf(input: CardOptionsInput): HfLicense {
  if (input.license !== undefined) {
    const parsed = HfLicenseSchema.safeParse(input.license);
    if (!parsed.success)
      throw new UserError('invalid-option', `--license ${parsed.error.issues[0]?.message} (got "${input.license}").`);
    return parsed.data;
  }
  if (input.defaultLicense !== undefined) return input.defaultLicense;
  throw new UserError(
    'invalid-option',
    'Give --license (or set EXPORT_LICENSE): the licence you publish the dataset under, as a Hugging Face id such as apache-2.0, cc-by-4.0, cc-by-sa-4.0, etalab-2.0 or mit. Nothing is chosen for you.',
  );
}

export function parseCardOptions(input: CardOptionsInput): Publication {
  const license = licenseOf(input);
  if (license === 'other' && (input.licenseName === undefined || input.licenseLink === undefined))
    throw new UserError(
      'invalid-option',
      '--license other needs --license-name (an id such as my-license-1.0) and --license-link (LICENSE.md in the repository, or a URL).',
    );
  if (input.url === undefined)
    throw new UserError(
      'invalid-option',
      'Give --url: the dataset page the files are published beside, e.g. https://huggingface.co/datasets/you/votes.',
    );
  if (input.creator === undefined)
    throw new UserError('invalid-option', 'Give --creator: who publishes the dataset (a person or an organisation).');
  const parsed = PublicationSchema.safeParse({
    prettyName: input.name ?? 'Blind technique comparisons from Discord',
    license,
    licenseName: license === 'other' ? input.licenseName : null,
    licenseLink: license === 'other' ? input.licenseLink : null,
    languages: input.language.split(',').map((code) => code.trim().toLowerCase()),
    url: input.url,
    creator: input.creator,
    version: input.version,
    datePublished: input.today.toISOString().slice(0, 10),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = {
    prettyName: '--name',
    languages: '--language',
    url: '--url',
    creator: '--creator',
    version: '--dataset-version',
  }[String(issue.path[0])];
  const hint = {
    '--name': 'a title that is not empty',
    '--creator': 'a name that is not empty',
    '--language': 'ISO 639 codes separated by commas, e.g. en or en,fr',
    '--url': 'an http(s) URL',
    '--dataset-version': 'MAJOR.MINOR.PATCH, e.g. 1.0.0',
  }[option ?? ''];
  throw new UserError('invalid-option', `${option ?? String(issue.path[0])} must be ${hint ?? issue.message}.`);
}
