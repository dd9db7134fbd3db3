// The shape of a slash command file in commands/: its definition and its handler. `defineCommand` only
// adds types, as the discord.js guide's `data` + `execute` pattern, typed.
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Services } from './services.ts';

export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, services: Services): Promise<void>;
  /** Suggestions while the user types an option marked `setAutocomplete(true)`. */
  autocomplete?(interaction: AutocompleteInteraction, services: Services): Promise<void>;
}

export const defineCommand = (command: Command): Command => command;
