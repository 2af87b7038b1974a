/**
 * Preloaded into the bot by the load bench (`node --import`): measures the
 * bot's event-loop delay without touching its code. SIGUSR2 starts a window;
 * the next SIGUSR2 writes the window's figures as one JSON log line on stderr.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
let open = false;
process.on('SIGUSR2', () => {
  if (!open) {
    histogram.reset();
    open = true;
    return;
  }
  open = false;
  // The histogram holds whole timer intervals: the delay is what exceeds the resolution.
  const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - RESOLUTION_MS);
  const line = { level: 30, msg: 'load bench: event loop delay', p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
  process.stderr.write(`${JSON.stringify(line)}\n`);
});
