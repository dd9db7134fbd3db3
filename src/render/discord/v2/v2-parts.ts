// Components v2 pieces as plain API JSON (containers, sections, text displays, separators, media galleries, files) and the
// message that carries them: the IsComponentsV2 flag, and no `content` or `embeds`, which Discord refuses with it.
import {
  ComponentType,
  MessageFlags,
  SeparatorSpacingSize,
  type APIButtonComponent,
  type APIComponentInContainer,
  type APIContainerComponent,
  type APIFileComponent,
  type APIMediaGalleryComponent,
  type APIMessageTopLevelComponent,
  type APISectionComponent,
  type APISeparatorComponent,
  type APITextDisplayComponent,
} from 'discord.js';

export interface V2Message {
  flags: number;
  components: APIMessageTopLevelComponent[];
}

export const textDisplay = (content: string): APITextDisplayComponent => ({ type: ComponentType.TextDisplay, content });

export const separator = (spacing: SeparatorSpacingSize = SeparatorSpacingSize.Small): APISeparatorComponent => ({
  type: ComponentType.Separator,
  divider: true,
  spacing,
});

export const container = (components: APIComponentInContainer[], accentColor?: number): APIContainerComponent => ({
  type: ComponentType.Container,
  components,
  ...(accentColor === undefined ? {} : { accent_color: accentColor }),
});

/** Text beside a button (the accessory). */
export const section = (content: string, accessory: APIButtonComponent): APISectionComponent => ({
  type: ComponentType.Section,
  components: [textDisplay(content)],
  accessory,
});

/** Images by URL; `attachment://name.png` points at a file uploaded with the same message. */
export const mediaGallery = (items: Array<{ url: string; description?: string }>): APIMediaGalleryComponent => ({
  type: ComponentType.MediaGallery,
  items: items.map(({ url, description }) => ({
    media: { url },
    ...(description === undefined ? {} : { description }),
  })),
});

/** A file uploaded with the message: v2 messages show only the attachments a component points at. */
export const fileComponent = (name: string): APIFileComponent => ({
  type: ComponentType.File,
  file: { url: attachmentUrl(name) },
});

export const attachmentUrl = (name: string) => `attachment://${name}`;

/** `extraFlags`: e.g. Ephemeral for an interaction's first reply. */
export const v2Message = (components: APIMessageTopLevelComponent[], extraFlags = 0): V2Message => ({
  flags: MessageFlags.IsComponentsV2 | extraFlags,
  components,
});
