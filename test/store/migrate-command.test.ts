import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/postgres.js';

const run = async (script: string, env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};
const SECRET = { ID_HASH_SECRET: 'shared-secret-for-every-host-0123' };
const dir = mkdtempSync(join(tmpdir(), 'pb-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run migrate` and `npm run report` as an operator runs them, on both backends. */
describe('npm run migrate', () => {
  it('migrates a new PostgreSQL database, checks it, and the report reads from it; a database from a newer release is refused', async () => {
    const url = await freshDatabase('migrate');
    const first = await run('src/entry/migrate.ts', { DATABASE_URL: url, ...SECRET });
    expect(first).toMatchObject({ code: 0, stdout: 'PostgreSQL (DATABASE_URL): schema version 4, integrity check passed.\n' });
    expect(first.stdout + first.stderr).not.toContain(url);
    const report = await run('src/entry/report.ts', { DATABASE_URL: url, ...SECRET });
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^Answer rate: — of 0 questions;.*\nTop unanswered questions \(open\):\n {2}none recorded/);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (5, 'newer', 0)`;
    await sql.end();
    const refused = await run('src/entry/migrate.ts', { DATABASE_URL: url, ...SECRET });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/migration failed: the database schema is at version 5, this release knows up to 4/);
  }, 60_000);

  it('migrates a SQLite file and says when there is nothing to migrate', async () => {
    const path = join(dir, 'bot.db');
    expect(await run('src/entry/migrate.ts', { DB_PATH: path })).toMatchObject({
      code: 0,
      stdout: `SQLite (${path}): schema version 4, integrity check passed.\n`,
    });
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 4 });
    db.close();
    expect(await run('src/entry/migrate.ts', { DB_PATH: '' })).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Nothing to migrate/) });
  }, 60_000);
});
