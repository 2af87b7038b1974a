import { request } from 'node:http';
import { settingsOrExit } from '../boot/settings.js';

/**
 * `node dist/entry/healthcheck.js` (the image's HEALTHCHECK): asks the operations
 * server of the bot running here for /readyz (OPS_HOST, or loopback when it listens
 * on every address). Exits 0 when ready, 1 with the reasons otherwise.
 */
const { config } = settingsOrExit();
if (config.OPS_PORT === undefined || config.OPS_PORT === 0) {
  process.stderr.write('healthcheck: OPS_PORT is not set to a fixed port, so there is no operations server to ask\n');
  process.exit(1);
}
const host = config.OPS_HOST === '0.0.0.0' || config.OPS_HOST === '::' ? '127.0.0.1' : config.OPS_HOST;

const outcome = await new Promise<{ ok: boolean; text: string }>((resolve) => {
  const req = request({ host, port: config.OPS_PORT, path: '/readyz', timeout: 3_000 }, (res) => {
    let body = '';
    res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    res.on('end', () => resolve({ ok: res.statusCode === 200, text: `${res.statusCode} ${body}` }));
  });
  req.on('timeout', () => req.destroy(new Error('no answer within 3 s')));
  req.on('error', (err) => resolve({ ok: false, text: err.message }));
  req.end();
});
process.stdout.write(`${outcome.text}\n`);
process.exit(outcome.ok ? 0 : 1);
