import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { boot, hasPlatform } from '../boot/boot.js';
import { startOps } from '../boot/ops.js';
import { runAdapters } from '../boot/run.js';
import { platformAdapters } from '../boot/surfaces.js';

/**
 * `npm start` / `npm run start:prod`: the platform adapters whose tokens are set,
 * all in one process; the console chat when none is (a local preview: it records
 * into memory only and does not watch data/, unless started with `--record`: then
 * it records into DB_PATH like the other surfaces). Every mode serves /healthz,
 * /readyz and /metrics when OPS_PORT is set, and the desk when DESK_TOKEN is too.
 */
const record = process.argv.slice(2).includes('--record');
const booted = await boot({ curator: (config) => (hasPlatform(config) || record ? 'store' : 'memory') });
const ops = await startOps(booted);
const adapters = await platformAdapters(booted.config, { ...booted.deps, ...(ops.routes ? { routes: ops.routes } : {}) });
if (adapters.length > 0) await runAdapters(booted, adapters, { ops });
else {
  const chat = createConsoleAdapter(booted.deps, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  await runAdapters(booted, [chat], { ops, until: chat.done });
}
