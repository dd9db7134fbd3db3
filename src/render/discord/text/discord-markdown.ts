// The Discord markdown the renderers write (bold, subtext lines) and its removal, for the places that show the
// same lines as plain text (the public page): writer and reader share these markers.
export const SUBTEXT = '-# ';

/** The text without Discord's bold markers and subtext prefixes. */
export const stripDiscordMarkdown = (text: string): string => text.replace(/\*\*/g, '').replaceAll(new RegExp(`^${SUBTEXT}`, 'gm'), '');
