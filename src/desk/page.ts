import { answerRate, rateTrend, total, totalsBy } from '../curator/analytics.js';
import type { AnalyticsRow, InboxItem, InboxState, ReloadRecord } from '../store/contract.js';
import { answerRateChart, type DayPoint, shareBar } from './chart.js';
import { bidi, esc, isoDay, isoMinute, pct } from './html.js';
import type { TryResult } from './try.js';

/** Everything one rendering of the desk shows. */
export interface DeskView {
  now: number;
  version: string;
  topics: number;
  /** Topic id → English title. */
  titles: ReadonlyMap<string, string>;
  analytics: AnalyticsRow[];
  inbox: InboxItem[];
  state: InboxState;
  reloads: ReloadRecord[];
  tried?: TryResult;
  /** The token, for the forms that change state (CSRF: a cookie alone never does). */
  token: string;
  recording: boolean;
  /** Why the store could not be read (the sections that come from it are empty then). */
  unavailable?: string;
  days: number;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1a202c}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}
.muted{color:#718096}.kpis{display:flex;gap:24px;margin:12px 0}.kpi b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%}th,td{text-align:start;padding:4px 8px;border-bottom:1px solid #edf2f7;vertical-align:top}
th{font-weight:600;color:#4a5568}td.n{text-align:end;font-variant-numeric:tabular-nums}
.grid{stroke:#e2e8f0}.axis{font-size:11px;fill:#718096}.bar{fill:#bee3f8}.rate{fill:none;stroke:#2b6cb0;stroke-width:2}.point{fill:#2b6cb0}
svg.share rect{fill:#90cdf4}.state{padding:1px 6px;border-radius:8px;background:#edf2f7}.state.open{background:#fefcbf}.state.resolved{background:#c6f6d5}
.fixed{color:#276749}.alert{background:#fed7d7;color:#742a2a;padding:8px 12px;border-radius:4px}form.inline{display:inline}button{cursor:pointer}
nav a{margin-inline-end:12px}nav a.on{font-weight:700}pre{white-space:pre-wrap;background:#f7fafc;padding:8px;border-radius:4px;margin:4px 0 12px}
input[type=text]{width:60%;padding:4px}.cols{display:grid;grid-template-columns:1fr 1fr;gap:24px}`;

function days(view: DeskView): DayPoint[] {
  const byDay = new Map(totalsBy(view.analytics, (r) => r.day).map((d) => [d.key, d]));
  return Array.from({ length: view.days }, (_, i) => {
    const day = isoDay(view.now - (view.days - 1 - i) * 86_400_000);
    const t = byDay.get(day);
    return { day, questions: t ? t.asked - t.smallTalk : 0, answered: t?.answered ?? 0 };
  });
}

function breakdown(
  title: string,
  rows: Array<{ key: string; asked: number; answered: number; smallTalk: number }>,
  label: (key: string) => string,
  id: string,
): string {
  const max = Math.max(0, ...rows.map((r) => r.asked));
  const body = rows
    .sort((a, b) => b.asked - a.asked)
    .map(
      (r) =>
        `<tr><td>${label(r.key)}</td><td class="n">${r.asked}</td><td>${shareBar(r.asked, max)}</td><td class="n">${pct(answerRate({ ...r, didYouMean: 0, declined: 0, up: 0, down: 0 }))}</td></tr>`,
    )
    .join('');
  return `<section id="${id}"><h2>${esc(title)}</h2><table><thead><tr><th></th><th>asked</th><th></th><th>answered</th></tr></thead><tbody>${body || '<tr><td colspan="4" class="muted">nothing counted yet</td></tr>'}</tbody></table></section>`;
}

function inbox(view: DeskView): string {
  const title = (id: string | null) => (id ? esc(view.titles.get(id) ?? id) : '—');
  const tabs = (['open', 'resolved', 'ignored'] as const).map((s) => `<a href="/desk?state=${s}" class="${s === view.state ? 'on' : ''}">${s}</a>`).join('');
  const form = (item: InboxItem, to: InboxState, label: string) =>
    `<form class="inline" method="post" action="/desk/decide"><input type="hidden" name="token" value="${esc(view.token)}"><input type="hidden" name="id" value="${item.id}"><input type="hidden" name="state" value="${to}"><input type="hidden" name="back" value="${view.state}"><button type="submit" data-action="${to}" data-id="${item.id}">${label}</button></form>`;
  const rows = view.inbox
    .map((item) => {
      const actions = [
        item.state !== 'resolved' ? form(item, 'resolved', 'Resolve') : '',
        item.state !== 'ignored' ? form(item, 'ignored', 'Ignore') : '',
        item.state !== 'open' ? form(item, 'open', 'Reopen') : '',
      ]
        .filter(Boolean)
        .join(' ');
      const fixed = item.answeredNow ? `<div class="fixed">answered now: ${title(item.answeredNow.topic)} (data ${esc(item.answeredNow.version)})</div>` : '';
      return `<tr data-inbox-id="${item.id}"><td class="n">#${item.id}</td><td>${bidi(item.example)}${fixed}</td><td class="n">${item.count}</td><td>${esc(item.langs.join(', '))}</td><td>${esc(item.surfaces.join(', '))}</td><td>${isoDay(item.lastSeen)}</td><td>${title(item.guess)} (${pct(item.confidence)})</td><td><span class="state ${item.state}">${item.state}</span></td><td>${actions}</td></tr>`;
    })
    .join('');
  return `<section id="inbox"><h2>Inbox</h2><nav>${tabs}</nav><table><thead><tr><th>id</th><th>question (latest wording)</th><th>asked</th><th>languages</th><th>surfaces</th><th>last</th><th>best guess</th><th>state</th><th></th></tr></thead><tbody>${rows || `<tr><td colspan="9" class="muted">no ${view.state} questions</td></tr>`}</tbody></table></section>`;
}

function reloads(view: DeskView): string {
  const rows = view.reloads
    .map(
      (r) =>
        `<tr><td>${isoMinute(r.at)}</td><td>${r.ok ? (r.changed ? 'changed' : 'unchanged') : 'rejected'}</td><td>${esc(r.version ?? '—')}</td><td class="n">${r.topics ?? '—'}</td><td>${esc(r.reason)}</td><td class="n">${r.answeredNow}</td></tr>`,
    )
    .join('');
  return `<section id="reloads"><h2>Knowledge base</h2><p>Data version <b id="kb-version">${esc(view.version)}</b>, ${view.topics} topics.</p><table><thead><tr><th>reload (UTC)</th><th>result</th><th>version</th><th>topics</th><th>why</th><th>answered now</th></tr></thead><tbody>${rows || '<tr><td colspan="6" class="muted">no reload since the store was created</td></tr>'}</tbody></table></section>`;
}

function tryBox(view: DeskView): string {
  const t = view.tried;
  const result = t
    ? `<div id="try-result"><p>Language <b>${esc(t.lang)}</b>, confidence <b id="try-confidence">${pct(t.confidence)}</b>, topic ${esc(t.topic ? (view.titles.get(t.topic) ?? t.topic) : '—')}; counted as <b>${esc(t.counted)}</b>${t.filed ? `, filed in the inbox (${esc(t.filed)})` : ''}. Nothing was recorded.</p>${t.surfaces.map((s) => `<h3>${esc(s.name)}</h3><pre dir="auto">${esc(s.text)}</pre>`).join('')}</div>`
    : '';
  return `<section id="try"><h2>Try a question</h2><form method="get" action="/desk"><input type="text" name="q" dir="auto" maxlength="1000" value="${esc(t?.question ?? '')}" placeholder="How much gas will Russia deliver?"> <button type="submit">Ask</button></form>${result}</section>`;
}

/** The desk as one server-rendered HTML page: no script, inline SVG, escaped values, question texts isolated by direction. */
export function renderDesk(view: DeskView): string {
  const totals = total(view.analytics);
  const trend = rateTrend(view.analytics, view.now);
  const change = trend.change === null ? '' : ` (${trend.change >= 0 ? '+' : '−'}${Math.abs(Math.round(trend.change * 100))} points on the 7 days before)`;
  const topic = (id: string) => (id ? esc(view.titles.get(id) ?? id) : '<span class="muted">no topic</span>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Curator's desk · Partnership Bot</title><style>${STYLE}</style></head><body>
<h1>Curator's desk</h1><div class="muted">Partnership Bot · ${isoMinute(view.now)} UTC${view.recording ? '' : ' · recording is switched off (DB_PATH is empty)'}</div>
${view.unavailable ? `<p id="unavailable" class="alert" role="alert">The store cannot be read: ${esc(view.unavailable)}. The counts, the inbox and the reloads below are missing until it is back; the try box still answers.</p>` : ''}
<div class="kpis"><div class="kpi">answer rate<b id="answer-rate">${pct(answerRate(totals))}</b></div><div class="kpi">last 7 days<b id="rate-7d">${pct(trend.current)}</b><span class="muted">${esc(change)}</span></div><div class="kpi">questions<b id="questions">${totals.asked - totals.smallTalk}</b></div><div class="kpi">votes up / down<b id="votes">${totals.up} / ${totals.down}</b></div></div>
<section id="rate"><h2>Answer rate, last ${view.days} days</h2>${answerRateChart(days(view))}<div class="muted">Bars: questions asked per day (small talk left out); line: share answered.</div></section>
<div class="cols">${breakdown(
    'Questions per topic',
    totalsBy(view.analytics, (r) => r.topic),
    topic,
    'per-topic',
  )}${breakdown(
    'Questions per language',
    totalsBy(view.analytics, (r) => r.lang),
    esc,
    'per-lang',
  )}</div>
${breakdown(
  'Questions per surface',
  totalsBy(view.analytics, (r) => r.surface),
  esc,
  'per-surface',
)}
${inbox(view)}
${reloads(view)}
${tryBox(view)}
</body></html>`;
}

/** The page shown without a valid token: a form asking for it, and nothing else. */
export function renderLogin(wrong: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Curator's desk</title><style>${STYLE}</style></head><body><h1>Curator's desk</h1>${wrong ? '<p id="refused">That token is not right.</p>' : '<p id="refused">This page needs the desk token (DESK_TOKEN).</p>'}<form method="post" action="/desk/login"><input type="password" name="token" autocomplete="current-password" aria-label="Desk token"> <button type="submit">Open the desk</button></form></body></html>`;
}
