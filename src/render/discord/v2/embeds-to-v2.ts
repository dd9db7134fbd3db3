// A message drawn for the embed layout (content, embeds, button rows, files), redrawn as Components v2: the content
// as a text display, each embed as a container in its colour, images in a media gallery and other files as file
// components (v2 messages show only attachments a component points at), button rows as they are. Texts share
// Discord's 4,000 characters.
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import type { ButtonRow } from '../button-rows.ts';
import { V2_TEXT_MAX } from '../text/discord-limits.ts';
import { shareBudget } from '../text/share-budget.ts';
import { truncateMarkdown } from '../text/split-markdown.ts';
import {
  attachmentUrl,
  container,
  fileComponent,
  mediaGallery,
  textDisplay,
  v2Message,
  type V2Message,
} from './v2-parts.ts';

export interface EmbedLayout {
  content: string;
  embeds: APIEmbed[];
  components?: ButtonRow[];
  /** Names of attached files: PNGs go in the gallery, the rest become file components. */
  files?: string[];
}

const embedText = (embed: APIEmbed) =>
  [
    embed.title ? `### ${embed.title}` : '',
    embed.description ?? '',
    embed.footer?.text ? `-# ${embed.footer.text}` : '',
  ]
    .filter(Boolean)
    .join('\n');

export function embedsToV2(layout: EmbedLayout): V2Message & { allowedMentions: { parse: [] } } {
  const texts = [layout.content, ...layout.embeds.map(embedText)];
  const allowances = shareBudget(
    texts.map((text) => text.length),
    V2_TEXT_MAX,
  );
  const fitted = texts.map((text, index) => truncateMarkdown(text, allowances[index] ?? 0).text);
  const images = (layout.files ?? []).filter((name) => name.endsWith('.png'));
  const others = (layout.files ?? []).filter((name) => !name.endsWith('.png'));
  const components: APIMessageTopLevelComponent[] = [];
  if (fitted[0]) components.push(textDisplay(fitted[0]));
  if (images.length > 0)
    components.push(mediaGallery(images.map((name) => ({ url: attachmentUrl(name), description: name }))));
  layout.embeds.forEach((embed, index) => {
    const text = fitted[index + 1];
    if (text) components.push(container([textDisplay(text)], embed.color));
  });
  components.push(...others.map(fileComponent), ...(layout.components ?? []));
  return { ...v2Message(components), allowedMentions: { parse: [] } };
}
