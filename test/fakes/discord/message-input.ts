// Parses a message body a bot sends (create, edit, interaction reply, follow-up) and enforces Discord's limits,
// answering 50035 Invalid Form Body with the field path, so a bot that overflows a limit fails here as it would live.
import { z } from 'zod';
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { componentsV2Errors, IS_COMPONENTS_V2 } from './components-v2.ts';
import { invalidFormBody, type FieldError } from './rest-error.ts';

const AllowedMentions = z.looseObject({
  parse: z.array(z.enum(['users', 'roles', 'everyone'])).optional(),
  users: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  replied_user: z.boolean().optional(),
});
export type AllowedMentions = z.infer<typeof AllowedMentions>;

const MessageBody = z.looseObject({
  content: z.string().nullish(),
  embeds: z.array(z.looseObject({})).nullish(),
  components: z.array(z.looseObject({ type: z.number() })).nullish(),
  flags: z.number().int().nullish(),
  tts: z.boolean().nullish(),
  nonce: z.union([z.string(), z.number()]).nullish(),
  allowed_mentions: AllowedMentions.nullish(),
  message_reference: z
    .looseObject({
      message_id: z.string(),
      channel_id: z.string().optional(),
      fail_if_not_exists: z.boolean().optional(),
      type: z.number().optional(),
    })
    .nullish(),
  attachments: z
    .array(
      z.looseObject({
        id: z.union([z.string(), z.number()]),
        filename: z.string().optional(),
        description: z.string().nullish(),
      }),
    )
    .nullish(),
});

export interface MessageInput {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  flags?: number | null;
  tts?: boolean | null;
  nonce?: string | number | null;
  allowed_mentions?: AllowedMentions | null;
  message_reference?: { message_id: string; channel_id?: string; fail_if_not_exists?: boolean } | null;
  attachments?: Array<{ id: string | number; filename?: string; description?: string | null }> | null;
}

export function parseMessageInput(body: unknown): MessageInput {
  const parsed = MessageBody.safeParse(body ?? {});
  if (!parsed.success) {
    throw invalidFormBody(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
        code: 'BASE_TYPE_INVALID',
        message: issue.message,
      })),
    );
  }
  return parsed.data as MessageInput;
}

const maxLength = (errors: FieldError[], path: FieldError['path'], value: unknown, limit: number): number => {
  if (typeof value !== 'string') return 0;
  if (value.length > limit)
    errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` });
  return value.length;
};

function checkEmbeds(errors: FieldError[], embeds: APIEmbed[]): void {
  if (embeds.length > 10)
    errors.push({ path: ['embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
  let total = 0;
  embeds.forEach((embed, index) => {
    total += maxLength(errors, ['embeds', index, 'title'], embed.title, 256);
    total += maxLength(errors, ['embeds', index, 'description'], embed.description, 4096);
    total += maxLength(errors, ['embeds', index, 'footer', 'text'], embed.footer?.text, 2048);
    total += maxLength(errors, ['embeds', index, 'author', 'name'], embed.author?.name, 256);
    const fields = embed.fields ?? [];
    if (fields.length > 25)
      errors.push({
        path: ['embeds', index, 'fields'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 25 or fewer in length.',
      });
    fields.forEach((field, fieldIndex) => {
      for (const key of ['name', 'value'] as const) {
        if (!field[key])
          errors.push({
            path: ['embeds', index, 'fields', fieldIndex, key],
            code: 'BASE_TYPE_REQUIRED',
            message: 'This field is required',
          });
      }
      total += maxLength(errors, ['embeds', index, 'fields', fieldIndex, 'name'], field.name, 256);
      total += maxLength(errors, ['embeds', index, 'fields', fieldIndex, 'value'], field.value, 1024);
    });
  });
  if (total > 6000)
    errors.push({
      path: ['embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: 'Embed size exceeds maximum size of 6000',
    });
}

function checkComponents(errors: FieldError[], components: APIMessageTopLevelComponent[], flags: number): void {
  if ((flags & IS_COMPONENTS_V2) !== 0) return;
  if (components.length > 5)
    errors.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
  const seen = new Set<string>();
  components.forEach((row, rowIndex) => {
    const children =
      'components' in row && Array.isArray(row.components)
        ? (row.components as unknown as Array<Record<string, unknown>>)
        : [];
    if (children.length > 5)
      errors.push({
        path: ['components', rowIndex, 'components'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 5 or fewer in length.',
      });
    children.forEach((child, childIndex) => {
      const path = ['components', rowIndex, 'components', childIndex];
      maxLength(errors, [...path, 'label'], child.label, 80);
      const customId = child.custom_id;
      if (typeof customId !== 'string') return;
      maxLength(errors, [...path, 'custom_id'], customId, 100);
      if (seen.has(customId))
        errors.push({
          path: [...path, 'custom_id'],
          code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
          message: 'Component custom id cannot be duplicated',
        });
      seen.add(customId);
    });
  });
}

/** What an edit starts from: a v2 message stays v2, and keeps the content and embeds the edit does not replace. */
export interface EditedMessage {
  flags: number;
  content: string;
  embeds: unknown[];
}

function checkV2(errors: FieldError[], input: MessageInput, edited: EditedMessage | undefined): number {
  const wasV2 = edited !== undefined && (edited.flags & IS_COMPONENTS_V2) !== 0;
  const asked = input.flags ?? null;
  if (wasV2 && asked !== null && (asked & IS_COMPONENTS_V2) === 0) {
    errors.push({
      path: ['flags'],
      code: 'MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG',
      message: 'The IS_COMPONENTS_V2 flag cannot be removed from a message',
    });
  }
  const flags = (asked ?? edited?.flags ?? 0) | (wasV2 ? IS_COMPONENTS_V2 : 0);
  if ((flags & IS_COMPONENTS_V2) === 0) return flags;
  const legacy = {
    content: input.content === undefined ? edited?.content : input.content,
    embeds: input.embeds === undefined ? edited?.embeds : input.embeds,
  };
  errors.push(...componentsV2Errors(legacy, (input.components ?? []) as unknown as Array<Record<string, unknown>>));
  return flags;
}

/** Throws 50035 for anything over Discord's limits; emptiness is checked by the caller on the final message. */
export function validateMessageInput(input: MessageInput, fileCount: number, edited?: EditedMessage): void {
  const errors: FieldError[] = [];
  maxLength(errors, ['content'], input.content, 2000);
  if (input.embeds) checkEmbeds(errors, input.embeds);
  const flags = checkV2(errors, input, edited);
  if (input.components) checkComponents(errors, input.components, flags);
  if (fileCount > 10)
    errors.push({ path: ['files'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
  if (errors.length > 0) throw invalidFormBody(errors);
}
