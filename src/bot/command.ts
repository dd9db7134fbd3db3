// The shape of a slash command file in commands/: its definition and its handler. `defineCommand` only
// adds types, as the discord.js guide's `data` + `execute` pattern, typed.
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Services } from './services.ts';

/** `Uses` names the services a command reaches, so it receives just those (and says so at its top). */
export interface Command<Uses extends keyof Services = keyof Services> {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, services: Pick<Services, Uses>): Promise<void>;
  /** Suggestions while the user types an option marked `setAutocomplete(true)`. */
  autocomplete?(interaction: AutocompleteInteraction, services: Pick<Services, Uses>): Promise<void>;
}

export const defineCommand = <Uses extends keyof Services>(command: Command<Uses>): Command<Uses> => command;
