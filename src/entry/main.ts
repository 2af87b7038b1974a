import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { boot, hasPlatform } from '../boot/boot.js';
import { runAdapters } from '../boot/run.js';
import { platformAdapters } from '../boot/surfaces.js';

/**
 * `npm start`: the platform adapters whose tokens are set, all in one process;
 * the console chat when none is (a local preview: it records into memory only
 * and does not watch data/).
 */
const booted = await boot(process.env, { curator: (config) => (hasPlatform(config) ? 'store' : 'memory') });
const adapters = await platformAdapters(booted.config, booted.deps);
if (adapters.length === 0) {
  const chat = createConsoleAdapter(booted.deps, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  await chat.start();
  await chat.done;
  await booted.curator?.close();
  await booted.store?.close();
  process.exit(0);
}
await runAdapters(booted, adapters);
