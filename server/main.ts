/**
 * `npm start` / `npm run serve`: the reference ERP + CRM server with the built app.
 *   PORT            port on 127.0.0.1 (default 8080)
 *   TANDEM_DATA     data folder (default ./data), created and seeded on first start
 *   TANDEM_SEED     seed size for a new database: tiny | demo (default) | 10k | 100k | 1m
 *   TANDEM_FAULTS   fault injection, e.g. "latency=200,503=0.1,drop=0.05" (default off)
 *   TANDEM_DIST     folder of the static files served at / (default ./dist, the built app);
 *                   npm run bench points it at bench/browser/dist, its bench page
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFaultsEnv } from './http/faults.ts';
import { SEED_SIZES } from './seed/index.ts';
import type { SeedSize } from './seed/index.ts';
import { DEMO_SIGN_INS } from './seed/users.ts';
import { startServer } from './start.ts';

const port = Number(process.env['PORT'] ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env['PORT']}`);
const dataDir = resolve(process.env['TANDEM_DATA'] ?? 'data');
const seedSize = (process.env['TANDEM_SEED'] ?? 'demo') as SeedSize;
if (!SEED_SIZES.includes(seedSize)) throw new Error(`TANDEM_SEED must be one of ${SEED_SIZES.join(', ')}`);

const distDir = process.env['TANDEM_DIST'] ? resolve(process.env['TANDEM_DIST']) : undefined;
if (distDir && !existsSync(distDir)) throw new Error(`TANDEM_DIST names ${distDir}, which does not exist (build it first)`);

const server = await startServer({ dataDir, port, seedSize, ...(distDir ? { distDir } : {}), faults: parseFaultsEnv(process.env['TANDEM_FAULTS']) });
if (server.seeded) {
  const total = Object.values(server.seeded.rows).reduce((a, b) => a + b, 0);
  console.log(`Created ${dataDir}/tandem.db and seeded ${total} rows (${server.seeded.size}) in ${server.seeded.ms} ms.`);
} else {
  console.log(`Using ${dataDir}/tandem.db.`);
}
const f = server.settings.faults;
if (f.latencyMs || f.errorRate || f.dropRate) console.log(`Fault injection ON: ${JSON.stringify(f)}`);
console.log(`
Tandem is running at ${server.url}/
  ERP  ${server.url}/erp/data/
  CRM  ${server.url}/crm/api/data/v9.2/

Demo sign-ins (username / password):
${DEMO_SIGN_INS.map((u) => `  ${u.username.padEnd(12)} / ${u.password.padEnd(10)}  ${u.role}, companies: ${u.companies === '*' ? 'all' : u.companies.join(', ')}`).join('\n')}

Press Ctrl+C to stop.`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
