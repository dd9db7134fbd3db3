// croissant.json: the export described in Croissant 1.1 JSON-LD (mlcommons, docs/croissant-spec-1.1.md) with the
// responsible-AI vocabulary (docs/croissant-rai-spec.md), from the one model of the export. Every file is a
// cr:FileObject with its SHA-256; every file's lines are a cr:RecordSet whose fields read a column or a JSONPath.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { spdxUrlOf } from '../../config/dataset-licenses.ts';
import { CROISSANT_DATA_TYPES } from './record-fields.ts';
import { datasetProse, FORMAT_DESCRIPTIONS } from './dataset-prose.ts';
import type { ExportedFile, PublishedExport } from './published-export.ts';

export const CROISSANT_1_1 = 'http://mlcommons.org/croissant/1.1';
export const CROISSANT_RAI_1_0 = 'http://mlcommons.org/croissant/RAI/1.0';
export const JSON_LINES = 'application/jsonlines';

/** The spec's recommended context (Appendix 1), with the RAI prefix. */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'http://schema.org/',
  sc: 'http://schema.org/',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  dct: 'http://purl.org/dc/terms/',
  annotation: 'cr:annotation',
  arrayShape: 'cr:arrayShape',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  containedIn: 'cr:containedIn',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  equivalentProperty: 'cr:equivalentProperty',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  excludes: 'cr:excludes',
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isArray: 'cr:isArray',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  readLines: 'cr:readLines',
  sdVersion: 'cr:sdVersion',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
  unArchive: 'cr:unArchive',
  value: 'cr:value',
} as const;

const Reference = z.strictObject({ '@id': z.string().min(1) });
const Texts = z.array(z.string().min(1)).min(1);

const CroissantField = z.strictObject({
  '@type': z.literal('cr:Field'),
  '@id': z.string().min(1),
  name: z.string().min(1),
  description: z.string().min(1),
  dataType: z.enum(CROISSANT_DATA_TYPES),
  isArray: z.literal(true).optional(),
  source: z.strictObject({
    fileObject: Reference,
    extract: z.union([z.strictObject({ column: z.string().min(1) }), z.strictObject({ jsonPath: z.string().min(1) })]),
  }),
});

export const CroissantSchema = z.strictObject({
  '@context': z
    .record(z.string(), z.unknown())
    .refine((context) => isDeepStrictEqual(context, CROISSANT_CONTEXT), 'must be the Croissant 1.1 context'),
  '@type': z.literal('sc:Dataset'),
  conformsTo: z.tuple([z.literal(CROISSANT_1_1), z.literal(CROISSANT_RAI_1_0)]),
  name: z.string().min(1),
  description: z.string().min(1),
  license: z.union([
    z.url(),
    z.strictObject({ '@type': z.literal('sc:CreativeWork'), name: z.string().min(1), url: z.string().optional() }),
  ]),
  url: z.url(),
  creator: z.strictObject({ '@type': z.literal('sc:Organization'), name: z.string().min(1) }),
  datePublished: z.iso.date(),
  version: z.string().min(1),
  inLanguage: Texts,
  keywords: Texts,
  distribution: z
    .array(
      z.strictObject({
        '@type': z.literal('cr:FileObject'),
        '@id': z.string().min(1),
        name: z.string().min(1),
        description: z.string().min(1),
        contentUrl: z.url(),
        contentSize: z.string().regex(/^\d+ B$/),
        encodingFormat: z.literal(JSON_LINES),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1),
  recordSet: z
    .array(
      z.strictObject({
        '@type': z.literal('cr:RecordSet'),
        '@id': z.string().min(1),
        name: z.string().min(1),
        description: z.string().min(1),
        field: z.array(CroissantField).min(1),
      }),
    )
    .min(1),
  'rai:dataCollection': z.string().min(1),
  'rai:dataCollectionType': Texts,
  'rai:dataCollectionTimeframe': z.array(z.iso.datetime({ offset: true })).optional(),
  'rai:dataAnnotationProtocol': z.string().min(1),
  'rai:dataAnnotationPlatform': Texts,
  'rai:annotationsPerItem': z.string().min(1),
  'rai:annotatorDemographics': Texts,
  'rai:dataBiases': Texts,
  'rai:dataLimitations': Texts,
  'rai:personalSensitiveInformation': Texts,
  'rai:dataUseCases': Texts,
  'rai:dataReleaseMaintenancePlan': Texts,
});
export type Croissant = z.infer<typeof CroissantSchema>;

/** Where a file will be downloadable: beside the dataset page (a Hub dataset serves files under resolve/main/). */
export function contentUrlOf(pageUrl: string, file: string): string {
  const base = pageUrl.endsWith('/') ? pageUrl : `${pageUrl}/`;
  return new URL(/^https:\/\/huggingface\.co\/datasets\//.test(base) ? `resolve/main/${file}` : file, base).href;
}

function fileDescription(file: ExportedFile): string {
  return file.kind === 'data'
    ? `${file.format}: ${FORMAT_DESCRIPTIONS[file.format]}.`
    : `Sidecar of ${file.format}: line i names the comparison, pipelines, versions, slots and hashed voters of line i.`;
}

function recordSetOf(file: ExportedFile): Croissant['recordSet'][number] {
  return {
    '@type': 'cr:RecordSet',
    '@id': file.config,
    name: file.config,
    description: `${fileDescription(file)} ${file.rows} lines.`,
    field: file.fields.map((field) => ({
      '@type': 'cr:Field',
      '@id': `${file.config}/${field.name}`,
      name: field.name,
      description: `${field.jsonPath} of each line of ${file.path}${field.isArray ? ' (every element)' : ''}.`,
      dataType: field.dataType,
      ...(field.isArray ? { isArray: true as const } : {}),
      source: {
        fileObject: { '@id': file.path },
        extract: field.column !== null ? { column: field.column } : { jsonPath: field.jsonPath },
      },
    })),
  };
}

export function buildCroissant(model: PublishedExport): Croissant {
  const { publication, files, facts } = model;
  const prose = datasetProse(model);
  const licenseUrl = spdxUrlOf(publication.license);
  return CroissantSchema.parse({
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: [CROISSANT_1_1, CROISSANT_RAI_1_0],
    name: publication.prettyName,
    description: prose.summary,
    license:
      licenseUrl ??
      (publication.license === 'other'
        ? {
            '@type': 'sc:CreativeWork',
            name: publication.licenseName,
            // A file in the repository (LICENSE.md) is published beside the data.
            url: URL.canParse(publication.licenseLink ?? '')
              ? publication.licenseLink
              : contentUrlOf(publication.url, publication.licenseLink ?? ''),
          }
        : { '@type': 'sc:CreativeWork', name: publication.license }),
    url: publication.url,
    creator: { '@type': 'sc:Organization', name: publication.creator },
    datePublished: publication.datePublished,
    version: publication.version,
    inLanguage: publication.languages,
    keywords: ['preference data', 'human feedback', 'RLHF', 'DPO', 'blind comparison', 'Discord'],
    distribution: files.map((file) => ({
      '@type': 'cr:FileObject',
      '@id': file.path,
      name: file.path,
      description: fileDescription(file),
      contentUrl: contentUrlOf(publication.url, file.path),
      contentSize: `${file.bytes} B`,
      encodingFormat: JSON_LINES,
      sha256: file.sha256,
    })),
    recordSet: files.map(recordSetOf),
    'rai:dataCollection': prose.collection,
    'rai:dataCollectionType': ['User-generated content data', 'Experiments'],
    ...(facts.firstVoteAt !== null && facts.lastVoteAt !== null
      ? { 'rai:dataCollectionTimeframe': [facts.firstVoteAt, facts.lastVoteAt] }
      : {}),
    'rai:dataAnnotationProtocol': prose.annotation,
    'rai:dataAnnotationPlatform': ['Discord, through the dialog-lab bot (reactions or buttons on a blind comparison)'],
    'rai:annotationsPerItem':
      facts.comparisons === 0
        ? 'No votes.'
        : `${(facts.votes / facts.comparisons).toFixed(2)} votes per comparison on average (${facts.votes} votes on ${facts.comparisons} comparisons).`,
    'rai:annotatorDemographics': [
      `Unknown: ${facts.voters} self-selected members of the Discord servers where the bot runs; no demographics are asked or kept.`,
    ],
    'rai:dataBiases': prose.biases,
    'rai:dataLimitations': prose.limitations,
    'rai:personalSensitiveInformation': prose.personalInformation,
    'rai:dataUseCases': prose.useCases,
    'rai:dataReleaseMaintenancePlan': [prose.maintenance],
  });
}
