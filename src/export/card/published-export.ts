// One model of a published export, from which both the Hugging Face dataset card (README.md) and croissant.json
// are written: who publishes it and under what licence, which votes it holds (the selection), every file with its
// rows, size, hash and fields, and the facts counted from the votes.
import { z } from 'zod';
import { HfLicenseSchema } from '../../config/dataset-licenses.ts';
import { EXPORT_FORMATS } from '../schemas.ts';
import { CROISSANT_DATA_TYPES } from './record-fields.ts';
import { DatasetFactsSchema } from './dataset-facts.ts';

export const RecordFieldSchema = z.strictObject({
  name: z.string().min(1),
  column: z.string().nullable(),
  jsonPath: z.string().startsWith('$'),
  dataType: z.enum(CROISSANT_DATA_TYPES),
  isArray: z.boolean(),
});

export const ExportedFileSchema = z.strictObject({
  /** File name inside the export folder, also its path in the published repository. */
  path: z.string().regex(/^[a-z0-9.-]+\.jsonl$/),
  /** The Hugging Face config (subset) the file is, e.g. `kto` or `kto-meta`. */
  config: z.string().regex(/^[a-z0-9-]+$/),
  format: z.enum(EXPORT_FORMATS),
  /** The dataset lines, or the sidecar that describes them line by line. */
  kind: z.enum(['data', 'meta']),
  rows: z.int().min(0),
  bytes: z.int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fields: z.array(RecordFieldSchema).min(1),
});
export type ExportedFile = z.infer<typeof ExportedFileSchema>;

export const PublicationSchema = z.strictObject({
  prettyName: z.string().trim().min(1),
  license: HfLicenseSchema,
  /** With licence `other`: the licence's own id and where to read it. */
  licenseName: z.string().nullable(),
  licenseLink: z.string().nullable(),
  /** ISO 639-1/639-3 codes of the prompts' and answers' language. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  /** The dataset's page, e.g. https://huggingface.co/datasets/org/name; files are published beside it. */
  url: z.url({ protocol: /^https?$/ }),
  creator: z.string().trim().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** YYYY-MM-DD. */
  datePublished: z.iso.date(),
});
export type Publication = z.infer<typeof PublicationSchema>;

export const SelectionSchema = z.strictObject({
  guildId: z.string().nullable(),
  since: z.string().nullable(),
  includeAfterReveal: z.boolean(),
  includeDirectMessages: z.boolean(),
  aggregate: z.enum(['per-vote', 'majority']),
});

export const PublishedExportSchema = z
  .strictObject({
    publication: PublicationSchema,
    selection: SelectionSchema,
    files: z.array(ExportedFileSchema).min(1),
    facts: DatasetFactsSchema,
  })
  .refine(
    ({ publication }) =>
      publication.license !== 'other' || (publication.licenseName !== null && publication.licenseLink !== null),
    'licence "other" needs its name and link',
  );
export type PublishedExport = z.infer<typeof PublishedExportSchema>;
