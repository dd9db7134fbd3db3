// Buttons laid out in action rows within Discord's limits (5 per row, 5 rows), as plain API JSON.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
} from 'discord.js';
import { BUTTON_LABEL_MAX, BUTTONS_PER_ROW, ROWS_PER_MESSAGE } from './text/discord-limits.ts';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export function button(
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, label: label.slice(0, BUTTON_LABEL_MAX), custom_id: customId };
}

/** Buttons beyond 25 are dropped: callers keep the important ones first. */
export function buttonRows(buttons: APIButtonComponent[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let start = 0; start < buttons.length && rows.length < ROWS_PER_MESSAGE; start += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(start, start + BUTTONS_PER_ROW) });
  }
  return rows;
}
