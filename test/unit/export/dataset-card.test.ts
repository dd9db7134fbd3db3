// The dataset card and croissant.json of `npm run export -- --card`, checked field by field against the field
// lists of their published specs (encoded here, not imported from the code under test): Hugging Face's dataset
// card metadata (hub-docs datasetcard.md, huggingface_hub DatasetCardData) and Croissant 1.1 with its RAI
// vocabulary (mlcommons/croissant docs/croissant-spec-1.1.md, docs/croissant-rai-spec.md).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { exportWithCard, type ExportWithCard } from '../../../src/export/card/export-with-card.ts';
import { buildCroissant } from '../../../src/export/card/croissant.ts';
import { renderDatasetCard, sizeCategoryOf } from '../../../src/export/card/hf-dataset-card.ts';
import { parseCardOptions } from '../../../src/export/card/parse-card-options.ts';
import type { ExportBatch } from '../../../src/export/export-files.ts';
import { EXPORT_FORMATS } from '../../../src/export/schemas.ts';
import { allBad, anExportComparison, aVote, pick, tie } from '../../fixtures/vote-builders.ts';

// huggingface_hub DatasetCardData.size_categories.
const HF_SIZE_CATEGORIES = [
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
  'other',
] as const;

// hub-docs datasetcard.md: the metadata keys a card may carry (those we need must be there).
const FrontMatter = z.looseObject({
  license: z.string().regex(/^[a-z0-9.-]+$/),
  language: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  pretty_name: z.string().min(1),
  task_categories: z.array(z.string()).min(1),
  size_categories: z.array(z.enum(HF_SIZE_CATEGORIES)).min(1),
  tags: z.array(z.string()).min(1),
  configs: z
    .array(
      z.strictObject({
        config_name: z.string().min(1),
        default: z.boolean().optional(),
        data_files: z.array(z.strictObject({ split: z.string().min(1), path: z.string().min(1) })).min(1),
      }),
    )
    .min(1),
});
const HF_CARD_KEYS = [
  'language',
  'license',
  'license_name',
  'license_link',
  'license_details',
  'tags',
  'annotations_creators',
  'language_creators',
  'language_details',
  'pretty_name',
  'size_categories',
  'source_datasets',
  'task_categories',
  'task_ids',
  'paperswithcode_id',
  'configs',
  'dataset_info',
  'extra_gated_fields',
  'extra_gated_prompt',
];
// huggingface.js pipelines.ts ids for the tasks preference data serves.
const HF_TASKS = ['text-generation', 'text-classification', 'reinforcement-learning'];

// Croissant 1.1 "Required" dataset properties, the Appendix 1 @context, and the FileObject and Field properties.
const CROISSANT_REQUIRED = [
  '@context',
  '@type',
  'conformsTo',
  'description',
  'license',
  'name',
  'url',
  'creator',
  'datePublished',
];
const CROISSANT_CONTEXT_KEYS = [
  '@language',
  '@vocab',
  'sc',
  'cr',
  'rai',
  'dct',
  'annotation',
  'arrayShape',
  'citeAs',
  'column',
  'conformsTo',
  'containedIn',
  'data',
  'dataType',
  'equivalentProperty',
  'examples',
  'excludes',
  'extract',
  'field',
  'fileProperty',
  'fileObject',
  'fileSet',
  'format',
  'includes',
  'isArray',
  'isLiveDataset',
  'jsonPath',
  'key',
  'md5',
  'parentField',
  'recordSet',
  'references',
  'regex',
  'readLines',
  'sdVersion',
  'separator',
  'source',
  'subField',
  'transform',
  'unArchive',
  'value',
];
const FILE_OBJECT_PROPERTIES = ['@type', '@id', 'name', 'contentUrl', 'contentSize', 'encodingFormat', 'sha256'];
const ATOMIC_DATA_TYPES = ['sc:Boolean', 'sc:Date', 'sc:Time', 'sc:DateTime', 'sc:Float', 'sc:Integer', 'sc:Text'];
// Croissant RAI properties the brief of this export asks for (all in the RAI spec's property table).
const RAI_PROPERTIES = [
  'rai:dataCollection',
  'rai:dataCollectionType',
  'rai:dataAnnotationProtocol',
  'rai:annotatorDemographics',
  'rai:dataBiases',
  'rai:personalSensitiveInformation',
  'rai:dataUseCases',
  'rai:dataLimitations',
  'rai:dataReleaseMaintenancePlan',
];
const RAI_SPEC_PROPERTIES = new Set([
  ...RAI_PROPERTIES,
  'rai:dataCollectionMissingData',
  'rai:dataCollectionRawData',
  'rai:dataCollectionTimeframe',
  'rai:dataImputationProtocol',
  'rai:dataManipulationProtocol',
  'rai:dataPreprocessingProtocol',
  'rai:dataAnnotationPlatform',
  'rai:dataAnnotationAnalysis',
  'rai:dataSocialImpact',
  'rai:annotationsPerItem',
  'rai:machineAnnotationTools',
]);

/** Values at a JSONPath of the forms the card uses: $.a, $.a.b, $.a[*].b, $.a[*]. */
function valuesAt(line: unknown, jsonPath: string): unknown[] {
  let current: unknown[] = [line];
  for (const part of jsonPath.slice(1).match(/\.[^.[]+|\[\*\]/g) ?? []) {
    current = current.flatMap((value) => {
      if (part === '[*]') return Array.isArray(value) ? (value as unknown[]) : [];
      if (value === null || typeof value !== 'object') return [];
      const key = part.slice(1);
      return key in value ? [(value as Record<string, unknown>)[key]] : [];
    });
  }
  return current;
}

const comparisons = Array.from({ length: 24 }, (_, index) => ({
  ...anExportComparison({
    id: `c${index}`,
    pipelines: index % 2 === 0 ? ['plain', 'cot'] : ['cot', 'rules'],
    answers: [`First answer ${index}.`, `Second answer ${index}, mail me at kim@example.org.`],
  }),
  // Most have a prompt category; the first few are from before categories.
  ...(index < 4 ? {} : { category: { id: index % 3 === 0 ? 'maths' : 'chit-chat', source: 'judge' as const } }),
}));
// Slot A picked on 14 of 24 comparisons, B on 10: the figure the card must report.
const votes = comparisons.flatMap((comparison, index) => [
  aVote(comparison.id, pick(index % 3 === 0 && index % 2 === 0 ? 1 : index < 17 ? 0 : 1), {
    voterHash: `voter-${index % 5}`,
  }),
  ...(index < 4
    ? [aVote(comparison.id, index === 0 ? tie : allBad, { voterHash: 'voter-9', castAt: '2026-11-03T08:00:00.000Z' })]
    : []),
]);
const batches = (): AsyncIterable<ExportBatch> =>
  (async function* () {
    yield { votes, comparisons };
  })();

const publication = parseCardOptions({
  license: 'cc-by-4.0',
  defaultLicense: undefined,
  licenseName: undefined,
  licenseLink: undefined,
  url: 'https://huggingface.co/datasets/lab/votes',
  creator: 'Dialog Lab test server',
  name: undefined,
  language: 'en',
  version: '1.2.0',
  today: new Date('2026-12-06T12:00:00Z'),
});

let dir: string;
let result: ExportWithCard;
let frontMatter: Record<string, unknown>;
let body: string;
let croissant: Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dataset-card-'));
  result = await exportWithCard(path.join(dir, 'out'), EXPORT_FORMATS, batches, { guildId: null }, publication);
  const readme = await readFile(path.join(dir, 'out', 'README.md'), 'utf8');
  const [, yamlText, rest] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readme) ?? [];
  frontMatter = parseYaml(yamlText ?? '') as Record<string, unknown>;
  body = rest ?? '';
  croissant = JSON.parse(await readFile(path.join(dir, 'out', 'croissant.json'), 'utf8')) as Record<string, unknown>;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const outFile = (file: string) => path.join(dir, 'out', file);
const linesOf = async (file: string) =>
  (await readFile(outFile(file), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);

describe('the Hugging Face dataset card', () => {
  it('has front matter that passes the card schema, with only keys the spec knows', () => {
    const parsed = FrontMatter.parse(frontMatter);
    expect(Object.keys(frontMatter).filter((key) => !HF_CARD_KEYS.includes(key))).toEqual([]);
    expect(parsed.license).toBe('cc-by-4.0');
    expect(parsed.language).toEqual(['en']);
    expect(parsed.pretty_name).toBe('Blind technique comparisons from Discord');
    expect(parsed.task_categories.every((task) => HF_TASKS.includes(task))).toBe(true);
    expect(parsed.task_categories).toContain('reinforcement-learning');
  });

  it('has one config per exported file, each pointing at a file that exists', async () => {
    const configs = FrontMatter.parse(frontMatter).configs;
    expect(configs.map((config) => config.config_name)).toEqual(
      EXPORT_FORMATS.flatMap((format) => [format, `${format}-meta`]),
    );
    expect(configs.filter((config) => config.default === true)).toHaveLength(1);
    for (const config of configs) await expect(stat(outFile(config.data_files[0]!.path))).resolves.toBeTruthy();
  });

  it('puts the largest file’s row count in Hugging Face’s size bin', async () => {
    const rows = await Promise.all(EXPORT_FORMATS.map(async (format) => (await linesOf(`${format}.jsonl`)).length));
    expect(Math.max(...rows)).toBeLessThan(1000);
    expect(frontMatter.size_categories).toEqual(['n<1K']);
    expect([0, 999, 1000, 9999, 10_000, 999_999, 1_000_000, 2e12].map(sizeCategoryOf)).toEqual([
      'n<1K',
      'n<1K',
      '1K<n<10K',
      '1K<n<10K',
      '10K<n<100K',
      '100K<n<1M',
      '1M<n<10M',
      'n>1T',
    ]);
  });

  it('has the sections on collection, voters, personal information, biases and pipelines, with the position bias', () => {
    for (const heading of [
      '## Dataset Structure',
      '### Data Collection and Processing',
      '### Who are the annotators?',
      '### Personal and Sensitive Information',
      '## Bias, Risks, and Limitations',
      '## Pipelines included',
    ])
      expect(body).toContain(heading);
    expect(body).toContain('salted HMAC');
    expect(body).toContain('/forget-me');
    expect(body).toContain('RETENTION_DAYS');
    expect(body).toContain('[email]');
    expect(body).toContain('direct messages with the bot are left out');
    expect(body).toContain('self-selected');
    expect(body).toMatch(
      /Among 24 comparisons of 2 answers with a decisive pick \(one pick each\): A 58\.3%.*p = 0\.414/,
    );
    expect(body).toMatch(/- plain: 12 answers/);
  });
});

describe('croissant.json', () => {
  it('has every property Croissant 1.1 requires, and its @context', () => {
    for (const key of CROISSANT_REQUIRED) expect(croissant, key).toHaveProperty([key]);
    expect(croissant['@type']).toBe('sc:Dataset');
    expect(croissant.conformsTo).toContain('http://mlcommons.org/croissant/1.1');
    expect(Object.keys(croissant['@context'] as object).sort()).toEqual([...CROISSANT_CONTEXT_KEYS].sort());
    expect(croissant).toMatchObject({
      license: 'https://spdx.org/licenses/CC-BY-4.0.html',
      url: 'https://huggingface.co/datasets/lab/votes',
      creator: { name: 'Dialog Lab test server' },
      datePublished: '2026-12-06',
      version: '1.2.0',
    });
  });

  it('lists every file as a FileObject whose sha256 and size match the file', async () => {
    const distribution = croissant.distribution as Record<string, unknown>[];
    expect(distribution.map((file) => file['@id'])).toEqual(
      EXPORT_FORMATS.flatMap((format) => [`${format}.jsonl`, `${format}.meta.jsonl`]),
    );
    for (const file of distribution) {
      for (const property of FILE_OBJECT_PROPERTIES)
        expect(file, `${String(file['@id'])} ${property}`).toHaveProperty([property]);
      expect(file['@type']).toBe('cr:FileObject');
      expect(file.encodingFormat).toBe('application/jsonlines');
      const bytes = await readFile(outFile(String(file['@id'])));
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file.contentSize).toBe(`${bytes.length} B`);
      expect(file.contentUrl).toBe(`https://huggingface.co/datasets/lab/votes/resolve/main/${String(file['@id'])}`);
    }
  });

  it('has a record set per file whose fields each read a real column or JSONPath of that file', async () => {
    const fileIds = new Set((croissant.distribution as { '@id': string }[]).map((file) => file['@id']));
    const recordSets = croissant.recordSet as { '@type': string; '@id': string; field: Record<string, unknown>[] }[];
    expect(recordSets).toHaveLength(fileIds.size);
    for (const recordSet of recordSets) {
      expect(recordSet['@type']).toBe('cr:RecordSet');
      for (const field of recordSet.field) {
        const label = String(field['@id']);
        expect(field['@type'], label).toBe('cr:Field');
        expect(label.startsWith(`${recordSet['@id']}/`), label).toBe(true);
        expect(ATOMIC_DATA_TYPES, label).toContain(field.dataType);
        const source = field.source as {
          fileObject: { '@id': string };
          extract: { column?: string; jsonPath?: string };
        };
        expect(fileIds.has(source.fileObject['@id']), label).toBe(true);
        const lines = await linesOf(source.fileObject['@id']);
        // A repeated field may be empty on every line (no reason tags): its array must still be there.
        const jsonPath = (source.extract.jsonPath ?? `$.${source.extract.column}`).replace(/\[\*\]$/, '');
        const found = lines.flatMap((line) => valuesAt(line, jsonPath));
        expect(found.length, `${label} reads nothing`).toBeGreaterThan(0);
      }
    }
    const trlDpo = recordSets.find((recordSet) => recordSet['@id'] === 'trl-dpo')!;
    expect(trlDpo.field.map((field) => field.name)).toEqual(['prompt', 'chosen', 'rejected']);
  });

  it('gives every file, record set and field an @id used once, as the spec requires', () => {
    const ids: unknown[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value === null || typeof value !== 'object') return;
      const entries = Object.entries(value);
      // A reference is an object holding @id alone; a definition has more.
      if ('@id' in value && entries.length > 1) ids.push((value as { '@id': unknown })['@id']);
      for (const [key, child] of entries) if (key !== '@context') walk(child);
    };
    walk(croissant);
    expect(ids.length).toBeGreaterThan(EXPORT_FORMATS.length * 4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the RAI fields, with unknown self-selected annotators and the measured position bias', () => {
    for (const key of RAI_PROPERTIES) expect(croissant, key).toHaveProperty([key]);
    expect(Object.keys(croissant).filter((key) => key.startsWith('rai:') && !RAI_SPEC_PROPERTIES.has(key))).toEqual([]);
    expect(String(croissant['rai:annotatorDemographics'])).toMatch(/^Unknown: 6 self-selected members/);
    expect((croissant['rai:dataBiases'] as string[]).join(' ')).toContain('Among 24 comparisons of 2 answers');
    expect(String(croissant['rai:personalSensitiveInformation'])).toContain('salted hashes');
  });
});

describe('a licence of their own', () => {
  it('is named with its link in the card and, as a CreativeWork with the link beside the data, in Croissant', () => {
    const model = {
      ...result.model,
      publication: {
        ...result.model.publication,
        license: 'other' as const,
        licenseName: 'lab-data-1.0',
        licenseLink: 'LICENSE.md',
      },
    };
    expect(buildCroissant(model).license).toEqual({
      '@type': 'sc:CreativeWork',
      name: 'lab-data-1.0',
      url: 'https://huggingface.co/datasets/lab/votes/resolve/main/LICENSE.md',
    });
    const card = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(renderDatasetCard(model))?.[1] ?? '') as Record<
      string,
      unknown
    >;
    expect(card).toMatchObject({ license: 'other', license_name: 'lab-data-1.0', license_link: 'LICENSE.md' });
  });
});

describe('the published files', () => {
  it('are readable by their owner only', async () => {
    for (const file of result.written) expect((await stat(outFile(file))).mode & 0o777, file).toBe(0o600);
  });

  it('pass the PII filter', async () => {
    const text = await readFile(outFile('raw.jsonl'), 'utf8');
    expect(text).toContain('[email]');
    expect(text).not.toContain('kim@example.org');
  });
});

describe('the card options', () => {
  const base = {
    license: undefined,
    defaultLicense: undefined,
    licenseName: undefined,
    licenseLink: undefined,
    url: 'https://example.org/votes',
    creator: 'Lab',
    name: undefined,
    language: 'en',
    version: '1.0.0',
    today: new Date('2026-12-06T00:00:00Z'),
  };
  it('refuses without a licence, and names the option and the setting', () => {
    expect(() => parseCardOptions(base)).toThrow(/Give --license \(or set EXPORT_LICENSE\)/);
  });
  it('refuses a licence id the Hub does not know', () => {
    expect(() => parseCardOptions({ ...base, license: 'cc-by-9.0' })).toThrow(
      '--license must be a licence id the Hugging Face Hub accepts',
    );
  });
  it('takes EXPORT_LICENSE when --license is not given, and needs a name and link for other', () => {
    expect(parseCardOptions({ ...base, defaultLicense: 'etalab-2.0' }).license).toBe('etalab-2.0');
    expect(() => parseCardOptions({ ...base, license: 'other' })).toThrow('--license-name');
  });
});
