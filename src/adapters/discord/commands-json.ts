import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArgSpec, Command, TextKey } from '../../core/conversation/command.js';
import { argKey, listedCommands } from '../../core/conversation/commands.js';
import { localizations, t } from '../../core/i18n/index.js';

const en = t('en');

/** Discord has Russian but no Persian client locale: Persian users see English menus and get Persian answers from their questions' script. */
function ru(key: TextKey): Partial<Record<Locale, string>> {
  const text = localizations(key).ru;
  return text ? { [Locale.Russian]: text } : {};
}

const LANG_CHOICES = [
  ['langEnglish', 'en'],
  ['langRussian', 'ru'],
  ['langPersian', 'fa'],
] as const;

function option(arg: ArgSpec): APIApplicationCommandBasicOption {
  const base = {
    name: argKey(arg.name),
    name_localizations: ru(arg.name),
    description: en[arg.info],
    description_localizations: ru(arg.info),
    required: arg.required === true,
  };
  switch (arg.kind) {
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'channel':
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] };
    case 'lang':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: LANG_CHOICES.map(([key, value]) => ({ name: en[key], name_localizations: ru(key), value })),
      };
    default: {
      const length = arg.maxLength ? { max_length: arg.maxLength } : {};
      return { ...base, type: ApplicationCommandOptionType.String, ...length, ...(arg.kind === 'topic' || arg.kind === 'card' ? { autocomplete: true } : {}) };
    }
  }
}

function commandJSON(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  // Discord wants required options first.
  const args = [...command.args.filter((a) => a.required), ...command.args.filter((a) => !a.required)];
  return {
    name: command.name,
    description: en[command.description],
    description_localizations: ru(command.description),
    options: args.map(option),
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...(command.privilege
      ? { default_member_permissions: String(PermissionFlagsBits.ManageMessages), contexts: [InteractionContextType.Guild] }
      : { contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] }),
  };
}

/**
 * The JSON body of `PUT applications/{id}/commands` (or a guild's route), from
 * the core's commands listed on Discord: every command, or only those that act
 * on the bot everywhere ('operator', registered only in the operators' servers:
 * `moderatorGuildsOnly: true`), or only the others (`false`). Privileged commands are hidden from members without Manage
 * Messages and exist only in servers. Pure.
 */
export function commandsJSON(filter: { moderatorGuildsOnly?: boolean } = {}): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const wanted = filter.moderatorGuildsOnly;
  return listedCommands('discord')
    .filter((c) => wanted === undefined || (c.privilege === 'operator') === wanted)
    .map(commandJSON);
}
