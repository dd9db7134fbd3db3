// The licence ids the Hugging Face Hub accepts in a dataset card (hub-docs, repositories-licenses.md), for the
// operator's choice in `npm run export -- --card` (--license or EXPORT_LICENSE). Those with an SPDX id get its
// URL in croissant.json, as Croissant recommends; `other` needs the operator's own name and link.
import { z } from 'zod';

export const HF_LICENSES = [
  'apache-2.0',
  'mit',
  'openrail',
  'bigscience-openrail-m',
  'creativeml-openrail-m',
  'bigscience-bloom-rail-1.0',
  'bigcode-openrail-m',
  'afl-3.0',
  'artistic-2.0',
  'bsl-1.0',
  'bsd',
  'bsd-2-clause',
  'bsd-3-clause',
  'bsd-3-clause-clear',
  'c-uda',
  'cc',
  'cc0-1.0',
  'cc-by-2.0',
  'cc-by-2.5',
  'cc-by-3.0',
  'cc-by-4.0',
  'cc-by-sa-3.0',
  'cc-by-sa-4.0',
  'cc-by-nc-2.0',
  'cc-by-nc-3.0',
  'cc-by-nc-4.0',
  'cc-by-nd-4.0',
  'cc-by-nc-nd-3.0',
  'cc-by-nc-nd-4.0',
  'cc-by-nc-sa-2.0',
  'cc-by-nc-sa-3.0',
  'cc-by-nc-sa-4.0',
  'cdla-sharing-1.0',
  'cdla-permissive-1.0',
  'cdla-permissive-2.0',
  'wtfpl',
  'ecl-2.0',
  'epl-1.0',
  'epl-2.0',
  'etalab-2.0',
  'eupl-1.1',
  'eupl-1.2',
  'agpl-3.0',
  'gfdl',
  'gpl',
  'gpl-2.0',
  'gpl-3.0',
  'lgpl',
  'lgpl-2.1',
  'lgpl-3.0',
  'isc',
  'h-research',
  'intel-research',
  'lppl-1.3c',
  'ms-pl',
  'apple-ascl',
  'apple-amlr',
  'mpl-2.0',
  'odc-by',
  'odbl',
  'openmdw-1.0',
  'openmdw-1.1',
  'osl-3.0',
  'postgresql',
  'ofl-1.1',
  'ncsa',
  'unlicense',
  'zlib',
  'pddl',
  'lgpl-lr',
  'deepfloyd-if-license',
  'fair-noncommercial-research-license',
  'llama2',
  'llama3',
  'llama3.1',
  'llama3.2',
  'llama3.3',
  'llama4',
  'grok2-community',
  'gemma',
  'unknown',
  'other',
] as const;
export type HfLicense = (typeof HF_LICENSES)[number];

export const HfLicenseSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z.enum(HF_LICENSES, {
      error:
        'must be a licence id the Hugging Face Hub accepts, such as apache-2.0, cc-by-4.0, cc-by-sa-4.0, etalab-2.0, mit or other (the full list: https://huggingface.co/docs/hub/repositories-licenses)',
    }),
  );

/** SPDX ids of the licences usual for data, for Croissant's `license` URL. */
const SPDX_IDS: Partial<Record<HfLicense, string>> = {
  'apache-2.0': 'Apache-2.0',
  mit: 'MIT',
  'cc0-1.0': 'CC0-1.0',
  'cc-by-4.0': 'CC-BY-4.0',
  'cc-by-sa-4.0': 'CC-BY-SA-4.0',
  'cc-by-nc-4.0': 'CC-BY-NC-4.0',
  'cc-by-nd-4.0': 'CC-BY-ND-4.0',
  'cc-by-nc-sa-4.0': 'CC-BY-NC-SA-4.0',
  'cc-by-nc-nd-4.0': 'CC-BY-NC-ND-4.0',
  'cdla-permissive-2.0': 'CDLA-Permissive-2.0',
  'cdla-sharing-1.0': 'CDLA-Sharing-1.0',
  'etalab-2.0': 'etalab-2.0',
  odbl: 'ODbL-1.0',
  'odc-by': 'ODC-By-1.0',
  pddl: 'PDDL-1.0',
  unlicense: 'Unlicense',
};

export function spdxUrlOf(license: HfLicense): string | undefined {
  const id = SPDX_IDS[license];
  return id === undefined ? undefined : `https://spdx.org/licenses/${id}.html`;
}
