// The fields of an export file, read off its line schema (zod → JSON Schema), so the Croissant record sets can
// never drift from what the files hold. Each leaf value is one field: a top-level scalar is read by column, a
// nested or repeated one by a JSONPath such as $.prompt[*].content (repeated values make the field an array).
import { z } from 'zod';

export const CROISSANT_DATA_TYPES = ['sc:Text', 'sc:Boolean', 'sc:Integer', 'sc:Float'] as const;
export type CroissantDataType = (typeof CROISSANT_DATA_TYPES)[number];

export interface RecordField {
  /** Dotted path without array marks, e.g. `prompt.content`. */
  name: string;
  /** The top-level key, when the field is one (read with `extract.column`). */
  column: string | null;
  /** JSONPath of the value in a line, e.g. `$.prompt[*].content`. */
  jsonPath: string;
  dataType: CroissantDataType;
  isArray: boolean;
}

interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode | false;
  prefixItems?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
}

const SCALAR_TYPES: Record<string, CroissantDataType> = {
  string: 'sc:Text',
  boolean: 'sc:Boolean',
  integer: 'sc:Integer',
  number: 'sc:Float',
};

/** The alternatives of a node, `null` left out: a nullable field is typed by what it holds when set. */
function variants(node: JsonSchemaNode): JsonSchemaNode[] {
  const options = node.anyOf ?? node.oneOf;
  if (options !== undefined) return options.flatMap(variants);
  const types = (Array.isArray(node.type) ? node.type : [node.type]).filter((type) => type !== 'null');
  return types.map((type) => ({ ...node, type }));
}

function collect(node: JsonSchemaNode, path: string[], repeated: boolean, out: Map<string, RecordField>): void {
  for (const variant of variants(node)) {
    if (variant.properties !== undefined) {
      for (const [key, child] of Object.entries(variant.properties)) collect(child, [...path, key], repeated, out);
      continue;
    }
    const element = variant.items === false || variant.items === undefined ? variant.prefixItems?.[0] : variant.items;
    if (variant.type === 'array' && element !== undefined) {
      collect(element, [...path, '[*]'], true, out);
      continue;
    }
    const dataType = SCALAR_TYPES[String(variant.type)];
    if (dataType === undefined)
      throw new Error(`No Croissant data type for ${path.join('.')} (${String(variant.type)})`);
    const name = path.filter((part) => part !== '[*]').join('.');
    if (out.has(name)) continue;
    out.set(name, {
      name,
      column: path.length === 1 ? path[0]! : null,
      jsonPath: `$${path.map((part) => (part === '[*]' ? part : `.${part}`)).join('')}`,
      dataType,
      isArray: repeated,
    });
  }
}

export function recordFieldsOf(schema: z.ZodType): RecordField[] {
  const out = new Map<string, RecordField>();
  collect(z.toJSONSchema(schema, { io: 'output' }) as JsonSchemaNode, [], false, out);
  return [...out.values()];
}
