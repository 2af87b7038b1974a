import { afterEach, describe, expect, it } from 'vitest';
import { reloadText } from '../../src/adapters/telegram/commands/reload.js';
import { en } from '../../src/core/i18n/en.js';
import { fa } from '../../src/core/i18n/fa.js';
import { ru } from '../../src/core/i18n/ru.js';
import { describeReload, type ReloadResult } from '../../src/curator/reload.js';
import { groupChat, privateChat, user } from '../fakes/telegram-updates.js';
import { CHANNEL, CHANNEL_ADMIN, MODERATOR, STRANGER, startTelegram, type TelegramTest } from './harness.js';

const GROUP = groupChat(-100_5151);

describe('Telegram moderator commands: /reload and /unanswered', () => {
  let tg: TelegramTest;
  afterEach(() => tg.stop());

  const commandLogs = (command: string) => tg.logs().filter((l) => l.msg === 'moderator command' && l.command === command);

  it('only moderators, only in a private chat: channel admins (getChatMember) and listed ids; everyone else is refused clearly; each request logged once', async () => {
    tg = await startTelegram();
    tg.fake.setChatMember(CHANNEL.id, CHANNEL_ADMIN.id, 'administrator');
    tg.fake.setChatMember(CHANNEL.id, STRANGER.id, 'member');
    const admin = await tg.say(privateChat(CHANNEL_ADMIN), CHANNEL_ADMIN, '/unanswered');
    expect(admin.params.text.startsWith('<pre>')).toBe(true);
    expect(tg.fake.callsOf('getChatMember').map((c) => c.params.user_id)).toContain(CHANNEL_ADMIN.id);

    for (const command of ['/reload', '/unanswered']) {
      expect((await tg.say(privateChat(STRANGER), STRANGER, command)).plain).toBe(en.tgModeratorsOnly(command));
      expect((await tg.say(GROUP, MODERATOR, command)).plain).toBe(en.tgPrivateOnly(command));
    }
    const newcomer = user(5_550_999, 'Nina', { language_code: 'fa' });
    expect((await tg.say(privateChat(newcomer), newcomer, '/unanswered')).plain).toBe(fa.tgModeratorsOnly('/unanswered'));

    expect(commandLogs('/unanswered').map((l) => [l.user.id, l.result])).toEqual([
      [CHANNEL_ADMIN.id, 'sent'],
      [STRANGER.id, 'refused'],
      [MODERATOR.id, 'not-private'],
      [newcomer.id, 'refused'],
    ]);
    expect(commandLogs('/reload').map((l) => [l.user.id, l.result])).toEqual([
      [STRANGER.id, 'refused'],
      [MODERATOR.id, 'not-private'],
    ]);
  });

  it('/unanswered shows the report preformatted, with what users wrote escaped, and votes', async () => {
    tg = await startTelegram();
    const asker = user(5_551_001, 'Asker');
    const chat = privateChat(asker);
    for (let i = 0; i < 2; i += 1) await tg.say(chat, asker, 'Who makes the <b>best</b> pizza & pasta in Naples?');
    const answer = await tg.say(chat, asker, 'how much gas will russia send iran?');
    const voted = tg.fake.waitFor('answerCallbackQuery');
    tg.press(asker, answer.result as never, 'v1:fb:gas:d:en');
    await voted;

    const report = await tg.say(privateChat(MODERATOR), MODERATOR, '/unanswered');
    expect(report.params.text).toMatch(/^<pre>[^]*<\/pre>$/);
    expect(report.params.text).toContain('×2 &quot;Who makes the &lt;b&gt;best&lt;/b&gt; pizza &amp; pasta in Naples?&quot;');
    expect(report.plain).toContain('Top unanswered questions');
    expect(report.plain).toContain('×2 "Who makes the <b>best</b> pizza & pasta in Naples?"');
    expect(report.plain).toContain('Natural gas partnership: 0 / 1 (0% helpful)');
  });

  it('/unanswered stays within 4,096 characters when escaping makes the report longer', async () => {
    tg = await startTelegram();
    const asker = user(5_551_002, 'Asker', { language_code: 'ru' });
    const places = ['Naples', 'Rome', 'Milan', 'Turin', 'Genoa', 'Bari', 'Palermo', 'Venice', 'Verona', 'Padua', 'Trieste', 'Parma', 'Modena', 'Siena', 'Pisa'];
    for (const place of places) await tg.say(privateChat(asker), asker, `pizza&&&&&&&&&&&&<<<<<<<<<<>>>>>>>>>> in ${place} &&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&`);
    const report = await tg.say(privateChat(MODERATOR), MODERATOR, '/unanswered');
    expect(report.params.text.length).toBeLessThanOrEqual(4096);
    expect(report.params.text.endsWith('…</pre>')).toBe(true);
    expect(report.plain).toContain('pizza&&&&');
  });
});

describe('reloadText', () => {
  const issues = Array.from({ length: 7 }, (_, i) => ({ file: `data/topics/t${i}.yaml`, path: i === 0 ? '' : `facts[${i}].value`, message: `problem ${i}` }));
  const results: ReloadResult[] = [
    { ok: true, version: 'abc123', topics: 16, changed: true },
    { ok: true, version: 'abc123', topics: 16, changed: false },
    { ok: false, issues: issues.slice(0, 2) },
    { ok: false, issues },
  ];

  it('in English says what the curator says', () => {
    for (const result of results) expect(reloadText(result, 'en')).toBe(describeReload(result));
  });

  it('in Russian and Persian keeps every file, path and reason, and counts the rest', () => {
    for (const lang of ['ru', 'fa'] as const) {
      const text = reloadText(results[3]!, lang);
      const c = lang === 'ru' ? ru : fa;
      expect(text.split('\n')[0]).toBe(c.tgReloadRejected);
      expect(text).toContain(`• data/topics/t0.yaml: ${c.tgReloadWholeFile}: problem 0`);
      expect(text).toContain('• data/topics/t4.yaml: facts[4].value: problem 4');
      expect(text).not.toContain('problem 5');
      expect(text.split('\n').at(-1)).toBe(c.tgReloadMoreIssues(2));
    }
    expect(reloadText(results[0]!, 'fa')).toBe(fa.tgReloadDone(16, 'abc123'));
    expect(fa.tgReloadDone(16, 'abc123')).toContain('۱۶');
  });
});
