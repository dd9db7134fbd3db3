// The Hugging Face dataset card: README.md with YAML front matter (hub-docs datasetcard.md; huggingface_hub's
// DatasetCardData) and the template's sections, from the one model of the export. The front matter is checked
// against its schema before it is written.
import { stringify } from 'yaml';
import { z } from 'zod';
import { HfLicenseSchema } from '../../config/dataset-licenses.ts';
import { datasetProse, FORMAT_DESCRIPTIONS } from './dataset-prose.ts';
import type { PublishedExport } from './published-export.ts';

/** huggingface_hub's DatasetCardData.size_categories options, smallest first. */
export const SIZE_CATEGORIES = [
  'n<1K',
  '1K<n<10K',
  '10K<n<100K',
  '100K<n<1M',
  '1M<n<10M',
  '10M<n<100M',
  '100M<n<1B',
  '1B<n<10B',
  '10B<n<100B',
  '100B<n<1T',
  'n>1T',
] as const;

/** The Hub's bin for a number of rows: n<1K below 1,000, then one bin per factor of ten. */
export function sizeCategoryOf(rows: number): (typeof SIZE_CATEGORIES)[number] {
  const index = rows < 1000 ? 0 : Math.floor(Math.log10(rows)) - 2;
  return SIZE_CATEGORIES[Math.min(index, SIZE_CATEGORIES.length - 1)]!;
}

export const HfCardMetadataSchema = z.strictObject({
  license: HfLicenseSchema,
  license_name: z.string().optional(),
  license_link: z.string().optional(),
  language: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  pretty_name: z.string().min(1),
  task_categories: z.array(z.enum(['text-generation', 'text-classification', 'reinforcement-learning'])).min(1),
  size_categories: z.array(z.enum(SIZE_CATEGORIES)).length(1),
  annotations_creators: z.array(z.enum(['crowdsourced'])),
  language_creators: z.array(z.enum(['crowdsourced', 'machine-generated'])),
  source_datasets: z.array(z.enum(['original'])),
  tags: z.array(z.string().min(1)).min(1),
  configs: z
    .array(
      z.strictObject({
        config_name: z.string().min(1),
        default: z.literal(true).optional(),
        data_files: z.array(z.strictObject({ split: z.literal('train'), path: z.string().min(1) })).length(1),
      }),
    )
    .min(1),
});
export type HfCardMetadata = z.infer<typeof HfCardMetadataSchema>;

export function hfCardMetadata(model: PublishedExport): HfCardMetadata {
  const { publication, files } = model;
  const formats = new Set(files.map((file) => file.format));
  const largest = Math.max(...files.filter((file) => file.kind === 'data').map((file) => file.rows), 0);
  return HfCardMetadataSchema.parse({
    license: publication.license,
    ...(publication.license === 'other'
      ? { license_name: publication.licenseName, license_link: publication.licenseLink }
      : {}),
    language: publication.languages,
    pretty_name: publication.prettyName,
    // Preference pairs train generators and reward models (RLHF); KTO's labelled completions also classify.
    task_categories: [
      'text-generation',
      'reinforcement-learning',
      ...(formats.has('kto') ? ['text-classification'] : []),
    ],
    size_categories: [sizeCategoryOf(largest)],
    annotations_creators: ['crowdsourced'],
    language_creators: ['crowdsourced', 'machine-generated'],
    source_datasets: ['original'],
    tags: [
      'preference',
      'human-feedback',
      'rlhf',
      'dpo',
      ...(formats.has('kto') ? ['kto'] : []),
      'discord',
      'croissant',
    ],
    configs: files.map((file, index) => ({
      config_name: file.config,
      ...(index === 0 ? { default: true } : {}),
      data_files: [{ split: 'train', path: file.path }],
    })),
  });
}

const bullets = (lines: readonly string[]) => lines.map((line) => `- ${line}`).join('\n');

export function renderDatasetCard(model: PublishedExport): string {
  const metadata = hfCardMetadata(model);
  const prose = datasetProse(model);
  const { publication, files } = model;
  const fileRows = files.map(
    (file) =>
      `| \`${file.config}\` | \`${file.path}\` | ${file.rows} | ${file.kind === 'data' ? FORMAT_DESCRIPTIONS[file.format] : `the sidecar of \`${file.format}\`: line i names the comparison, pipelines, versions, slots and hashed voters of line i`} |`,
  );
  return `---
${stringify(metadata, { lineWidth: 0 }).trimEnd()}
---

# Dataset Card for ${publication.prettyName}

${prose.summary}

- **Curated by:** ${publication.creator}
- **Language(s):** ${publication.languages.join(', ')}
- **License:** ${publication.license === 'other' ? `${publication.licenseName} (${publication.licenseLink})` : publication.license}
- **Version:** ${publication.version}, published ${publication.datePublished}
- **Croissant metadata:** \`croissant.json\` (Croissant 1.1 with its responsible-AI fields)

## Dataset Structure

Every file is JSON Lines, one config (subset) each, with a single \`train\` split.

| config | file | rows | what a line holds |
|---|---|---|---|
${fileRows.join('\n')}

## Dataset Creation

### Data Collection and Processing

${prose.collection}

### Annotation process

${prose.annotation}

### Who are the annotators?

${prose.voters}

### Personal and Sensitive Information

${bullets(prose.personalInformation)}

## Bias, Risks, and Limitations

${bullets([...prose.biases, ...prose.limitations])}

## Uses

${bullets(prose.useCases)}

## Pipelines included

${prose.pipelines.length === 0 ? 'None: the export holds no votes.' : bullets(prose.pipelines)}

## Maintenance

${prose.maintenance}
`;
}
