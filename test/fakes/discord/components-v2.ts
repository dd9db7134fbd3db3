// Discord's rules for Components v2 messages (flag IsComponentsV2), checked as Discord checks them and reported as
// 50035 field errors: no `content` or `embeds` beside the flag; only the component types v2 allows where it allows
// them (17 container, 9 section, 10 text display, 11 thumbnail as a section accessory, 12 media gallery, 13 file,
// 14 separator, 1 action row, 2 button); at most 40 components in all, nested ones counted; at most 4,000 characters
// across all text displays. Written apart from the bot's own checker, so a shared mistake cannot hide.
import type { FieldError } from './rest-error.ts';

export const IS_COMPONENTS_V2 = 1 << 15;
const MAX_COMPONENTS = 40;
const MAX_TEXT = 4000;

const TOP_LEVEL = new Set([1, 9, 10, 12, 13, 14, 17]);
const IN_CONTAINER = new Set([1, 9, 10, 12, 13, 14]);
const ACCESSORY = new Set([2, 11]);
const IN_ROW = new Set([2, 3, 5, 6, 7, 8]);

type Node = Record<string, unknown> & { type?: unknown };
type Path = FieldError['path'];

const choice = (path: Path, allowed: Set<number>): FieldError => ({
  path: [...path, 'type'],
  code: 'BASE_TYPE_CHOICES',
  message: `Value must be one of {${[...allowed].join(', ')}}.`,
});
const tooLong = (path: Path, limit: number): FieldError => ({
  path,
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${limit} or fewer in length.`,
});
const required = (path: Path): FieldError => ({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });

/** Field errors for a message whose effective flags include IsComponentsV2; `legacy` is what it would also carry. */
export function componentsV2Errors(
  legacy: { content?: string | null; embeds?: unknown[] | null },
  components: readonly Node[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof legacy.content === 'string' && legacy.content !== '') {
    errors.push({
      path: ['content'],
      code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      message: "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    });
  }
  if ((legacy.embeds ?? []).length > 0) {
    errors.push({
      path: ['embeds'],
      code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      message: "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    });
  }
  let count = 0;
  let text = 0;
  const visit = (node: Node, path: Path, allowed: Set<number>): void => {
    count += 1;
    const type = typeof node.type === 'number' ? node.type : -1;
    if (!allowed.has(type)) {
      errors.push(choice(path, allowed));
      return;
    }
    const children = Array.isArray(node.components) ? (node.components as Node[]) : [];
    switch (type) {
      case 10:
        if (typeof node.content !== 'string' || node.content === '') errors.push(required([...path, 'content']));
        else text += node.content.length;
        return;
      case 17:
        if (children.length === 0) errors.push(required([...path, 'components']));
        children.forEach((child, index) => visit(child, [...path, 'components', index], IN_CONTAINER));
        return;
      case 9:
        if (children.length < 1 || children.length > 3) errors.push(tooLong([...path, 'components'], 3));
        children.forEach((child, index) => visit(child, [...path, 'components', index], new Set([10])));
        if (typeof node.accessory !== 'object' || node.accessory === null)
          errors.push(required([...path, 'accessory']));
        else visit(node.accessory as Node, [...path, 'accessory'], ACCESSORY);
        return;
      case 1:
        if (children.length < 1 || children.length > 5) errors.push(tooLong([...path, 'components'], 5));
        children.forEach((child, index) => visit(child, [...path, 'components', index], IN_ROW));
        return;
      case 12: {
        const items = Array.isArray(node.items) ? (node.items as Node[]) : [];
        if (items.length < 1 || items.length > 10) errors.push(tooLong([...path, 'items'], 10));
        items.forEach((item, index) => {
          const url = (item.media as Node | undefined)?.url;
          if (typeof url !== 'string' || url === '') errors.push(required([...path, 'items', index, 'media', 'url']));
        });
        return;
      }
      case 13: {
        const url = (node.file as Node | undefined)?.url;
        if (typeof url !== 'string' || !url.startsWith('attachment://')) {
          errors.push({
            path: [...path, 'file', 'url'],
            code: 'UNFURLED_MEDIA_ITEM_ATTACHMENT_REQUIRED',
            message: 'File components only support attachment:// URLs',
          });
        }
        return;
      }
      default:
        return;
    }
  };
  components.forEach((component, index) => visit(component, ['components', index], TOP_LEVEL));
  if (count > MAX_COMPONENTS) errors.push(tooLong(['components'], MAX_COMPONENTS));
  if (text > MAX_TEXT)
    errors.push({
      path: ['components'],
      code: 'COMPONENTS_V2_TEXT_TOO_LONG',
      message: `The total length of text displays must be ${MAX_TEXT} or fewer.`,
    });
  return errors;
}
