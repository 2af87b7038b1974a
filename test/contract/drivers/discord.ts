import {
  DEFAULT_EVERYONE_PERMISSIONS,
  FAKE_GUILD_ID,
  type FakeUser,
  PERM,
  type RecordedCall,
  type SentInteraction,
  snowflake,
} from '../../fakes/discord-gateway.js';
import { type Bot, OPTION, replyTo, startBot } from '../../discord/harness.js';
import { type DriverFactory, hasRtl, type Shown, type SurfaceDriver, type TestUser } from '../driver.js';

/** Where a shown message lives, so that its buttons can be pressed (more than once: votes count per message). */
interface Origin {
  /** The message as Discord would hand it back with a component interaction. */
  message: Record<string, any>;
  dm: boolean;
}

const EPHEMERAL = 64;
const RLM = /\u200F/g;
/** Discord has no Persian client locale. */
const LOCALE = { en: 'en-US', ru: 'ru', fa: 'en-US' } as const;
/** How long a reply may take: a /reload trains the matcher on a busy machine. */
const PATIENCE = 60_000;

/** The text a reader sees: content and every embed text, markdown escapes shown as the characters they escape. */
function visibleText(data: any): string {
  const embeds = (data.embeds ?? []).flatMap((e: any) => [
    e.author?.name,
    e.title,
    e.description,
    ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]),
    e.footer?.text,
  ]);
  return [data.content, ...embeds]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .join('\n')
    .replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

/** Button labels and select-menu option labels, in order. */
function labels(data: any): string[] {
  const parts = (data.components ?? []).flatMap((row: any) => row.components);
  return parts.flatMap((c: any) => (c.type === 2 ? [c.label] : (c.options ?? []).map((o: any) => o.label))).map((l: string) => l.replace(RLM, ''));
}

/**
 * Discord through the real adapter and discord.js against the fake gateway:
 * questions are direct messages (one DM channel per user), commands are
 * chat-input interactions in the fake's server (the operators' server,
 * DISCORD_MODERATOR_GUILD_IDS) with named options (moderators' member
 * permissions hold Manage Messages, others' do not), and a press is the
 * component interaction of the button or menu option on the message shown.
 */
export const discordDriver: DriverFactory = async (options = {}) => {
  const bot: Bot = await startBot({
    env: { DISCORD_MODERATOR_GUILD_IDS: FAKE_GUILD_ID },
    ...(options.ratePerMinute ? { ratePerMinute: options.ratePerMinute } : {}),
    ...(options.unsure ? { unsure: true } : {}),
  });
  const { fake } = bot;
  const origins = new WeakMap<Shown, Origin>();
  const dmChannels = new Map<number, string>();

  const person = (user: TestUser): FakeUser => ({
    id: String(310_000_000_000_000_000n + BigInt(user.id)),
    username: `user${user.id}`,
    global_name: null,
    discriminator: '0',
    avatar: null,
  });
  const dmOf = (user: TestUser) => {
    if (!dmChannels.has(user.id)) dmChannels.set(user.id, snowflake());
    return dmChannels.get(user.id)!;
  };
  const where = (user: TestUser) => ({
    user: person(user),
    locale: LOCALE[user.lang ?? 'en'],
    memberPermissions: DEFAULT_EVERYONE_PERMISSIONS | (user.moderator ? PERM.ManageMessages : 0n),
  });

  const show = (data: any, privately: boolean, origin: Origin): Shown => {
    const text = visibleText(data);
    const shown: Shown = { text, buttons: labels(data), private: privately, rtl: hasRtl(text) };
    origins.set(shown, origin);
    return shown;
  };
  /** A message the bot sent in answer to an interaction, as the fake would keep it. */
  const messageFrom = (data: any, channelId: string) =>
    fake.message({ channel_id: channelId, content: data.content ?? '', embeds: data.embeds ?? [], components: data.components ?? [], flags: data.flags ?? 0 });

  /** The bot's answer to an interaction: a reply, an update of `origin`, or the edit or follow-up after a deferral. */
  const answer = async (sent: SentInteraction, dm: boolean, origin?: Origin): Promise<Shown> => {
    const channelId = String(sent.payload.channel_id);
    const { type, data, call } = await fake.waitForResponse(sent, PATIENCE);
    const callback = fake.calls.find((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`)!;
    const updated = type === 7 || (type === 6 && call.method === 'PATCH');
    if (updated && origin) {
      const message: Record<string, any> = { ...origin.message, content: data.content ?? '', embeds: data.embeds ?? [], components: data.components ?? [] };
      return show(data, Boolean(message.flags & EPHEMERAL), { message, dm });
    }
    const flags = type === 5 ? (callback.body.data?.flags ?? 0) : (data.flags ?? 0);
    return show(data, Boolean(flags & EPHEMERAL), { message: messageFrom({ ...data, flags }, channelId), dm });
  };

  const driver: SurfaceDriver = {
    name: 'discord',
    async ask(user, text) {
      const message = fake.userMessage(text, { dm: true, channelId: dmOf(user), user: person(user) });
      const call = await fake.waitForCall(replyTo(message.id), PATIENCE);
      return show(call.body, false, { message: call.response, dm: true });
    },
    async command(user, name, args = {}) {
      const options = Object.entries(args).map(([key, value]) => ({
        name: key,
        type: typeof value === 'boolean' ? OPTION.boolean : key === 'channel' ? OPTION.channel : OPTION.string,
        value,
      }));
      return answer(fake.slash(name, options, where(user)), false);
    },
    async press(user, shown, label) {
      const origin = origins.get(shown);
      if (!origin) throw new Error('press: that message was not shown by this driver');
      const parts = (origin.message.components ?? []).flatMap((row: any) => row.components);
      const button = parts.find((c: any) => c.type === 2 && c.label.replace(RLM, '') === label);
      const menu = button ? undefined : parts.find((c: any) => c.type === 3 && c.options.some((o: any) => o.label.replace(RLM, '') === label));
      if (!button && !menu) throw new Error(`press: no "${label}" in: ${labels(origin.message).join(' | ')}`);
      const data = button
        ? { custom_id: button.custom_id, component_type: 2 }
        : { custom_id: menu.custom_id, component_type: 3, values: [menu.options.find((o: any) => o.label.replace(RLM, '') === label).value] };
      const sent = fake.interaction({ ...where(user), type: 3, data, message: origin.message, channelId: origin.message.channel_id, dm: origin.dm });
      return answer(sent, origin.dm, origin);
    },
    async flood(user, text, count) {
      const channelId = dmOf(user);
      const sent = Array.from({ length: count }, () => fake.userMessage(text, { dm: true, channelId, user: person(user) }));
      // Every message gets a reply or a log line saying the bot stayed silent: wait for all of them, then read them in order.
      const silent = (id: string) => bot.logs().some((l) => l.msg === 'flooding user: no reply' && l.message === bot.deps.ids.hash('dc-message', id));
      const settled = () => sent.every((m) => silent(m.id) || fake.calls.some(replyTo(m.id)));
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!settled()) return;
          clearTimeout(timer);
          fake.off('call', check);
          bot.written.off('line', check);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error('flood: not every message was answered or dropped')), PATIENCE);
        fake.on('call', check);
        bot.written.on('line', check);
        check();
      });
      return sent.flatMap((m) => {
        const call: RecordedCall | undefined = fake.calls.find(replyTo(m.id));
        return call ? [show(call.body, false, { message: call.response, dm: true })] : [];
      });
    },
    stop: () => bot.stop(),
  };
  return driver;
};
