// Discord's size limits for messages, embeds and components, in one place so renderers and tests agree.
// Lengths are JavaScript string lengths (UTF-16 units), which never undercount what Discord measures.

/** Characters in a message's plain `content`. */
export const MESSAGE_CONTENT_MAX = 2000;
/** Characters in one embed's description. */
export const EMBED_DESCRIPTION_MAX = 4096;
/** Characters across all embeds of one message: titles, descriptions, field names and values, footers, author names. */
export const EMBED_TOTAL_MAX = 6000;
/** Characters in one embed's title. */
export const EMBED_TITLE_MAX = 256;
/** Characters in one embed's footer text. */
export const EMBED_FOOTER_MAX = 2048;
/** Embeds in one message. */
export const EMBEDS_PER_MESSAGE = 10;
/** Buttons in one action row. */
export const BUTTONS_PER_ROW = 5;
/** Action rows in one message. */
export const ROWS_PER_MESSAGE = 5;
/** Characters in a component's custom id. */
export const CUSTOM_ID_MAX = 100;
/** Characters in a button's label. */
export const BUTTON_LABEL_MAX = 80;
/** Components in one Components v2 message, nested ones included (a container and each of its children count). */
export const V2_COMPONENTS_MAX = 40;
/** Characters across all text displays of one Components v2 message. */
export const V2_TEXT_MAX = 4000;
/** Children of one container. */
export const CONTAINER_CHILDREN_MAX = 10;
/** Text displays in one section. */
export const SECTION_TEXTS_MAX = 3;
