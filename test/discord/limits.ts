/**
 * Discord's documented message limits, written out independently of the renderer so
 * that a wrong constant there is caught. Returns every violation found.
 */
export function limitViolations(message: { content?: string; embeds?: any[]; components?: any[] }): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
  /** Discord trims white space and refuses what is left empty. */
  const filled = (s: unknown) => typeof s === 'string' && /\S/.test(s);
  check(len(message.content) <= 2000, `content ${len(message.content)} > 2000`);
  const embeds = message.embeds ?? [];
  check(filled(message.content) || embeds.length > 0, 'nothing to show: no content and no embed');
  check(embeds.length <= 10, 'more than 10 embeds');
  let total = 0;
  for (const e of embeds) {
    check(e.title === undefined || (filled(e.title) && len(e.title) <= 256), `title ${len(e.title)}`);
    check(e.description === undefined || (filled(e.description) && len(e.description) <= 4096), `description ${len(e.description)}`);
    check(!e.footer || (filled(e.footer.text) && len(e.footer.text) <= 2048), `footer ${len(e.footer?.text)}`);
    check(!e.author || (filled(e.author.name) && len(e.author.name) <= 256), `author ${len(e.author?.name)}`);
    const fields = e.fields ?? [];
    check(fields.length <= 25, `${fields.length} fields`);
    for (const f of fields) {
      check(filled(f.name) && len(f.name) <= 256, `field name ${len(f.name)}`);
      check(filled(f.value) && len(f.value) <= 1024, `field value ${len(f.value)}`);
    }
    total +=
      len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + fields.reduce((n: number, f: any) => n + len(f.name) + len(f.value), 0);
    check(e.url === undefined || /^https?:\/\//.test(e.url), `url ${e.url}`);
  }
  check(total <= 6000, `embeds total ${total} > 6000`);
  const rows = message.components ?? [];
  check(rows.length <= 5, `${rows.length} rows`);
  const ids = new Set<string>();
  for (const row of rows) {
    check(row.type === 1, 'top-level component is not an action row');
    const parts = row.components ?? [];
    const buttons = parts.filter((c: any) => c.type === 2);
    const selects = parts.filter((c: any) => c.type === 3);
    check(buttons.length <= 5, `${buttons.length} buttons in a row`);
    check(selects.length <= 1 && (selects.length === 0 || buttons.length === 0), 'a select shares its row');
    check(parts.length >= 1, 'empty row');
    for (const c of parts) {
      check(len(c.custom_id) >= 1 && len(c.custom_id) <= 100, `custom_id ${len(c.custom_id)}`);
      check(!ids.has(c.custom_id), `duplicate custom_id ${c.custom_id}`);
      ids.add(c.custom_id);
      if (c.type === 2) check(filled(c.label) && len(c.label) <= 80, `button label ${len(c.label)}`);
      if (c.type === 3) {
        check(c.options.length >= 1 && c.options.length <= 25, `${c.options.length} options`);
        check(len(c.placeholder) <= 150, 'placeholder');
        const values = new Set(c.options.map((o: any) => o.value));
        check(values.size === c.options.length, 'duplicate option values');
        for (const o of c.options) check(filled(o.label) && len(o.label) <= 100 && len(o.value) >= 1 && len(o.value) <= 100, `option ${o.value}`);
      }
    }
  }
  return problems;
}
