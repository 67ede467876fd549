/**
 * Convergence, as a property: two agents' engines and the back office on both stores work
 * through a random schedule — offline edits, creates, back-office edits in the ERP and the
 * CRM, the network dropping, answers lost after the server committed, 503s and latency from
 * the server's fault injection, engine restarts (a reload mid-sync) — then everything settles.
 * Afterwards, for every record the schedule touched:
 *
 *   - the customers ↔ accounts map's invariant holds between the two stores (every two-way
 *     field equal, decimals compared exactly);
 *   - every customer an agent created exists exactly once in each store, with its name;
 *   - a field only one agent wrote (and nobody else touched) holds that agent's last value:
 *     nothing an agent wrote was lost;
 *   - the engines are idle: nothing pending, and a further round changes nothing.
 *
 * Engines also pause the map and resume it (catching up, or skipping to live and keeping
 * the held changes as catch-up items, retried when everything settles).
 *
 * A failing schedule, once fast-check has shrunk it, is written to
 * test/server/fixtures/convergence/ and replayed first on every later run: each shrunk
 * failure stays a regression test.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Big from 'big.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from '../support/engine.ts';
import { startEngine } from '../support/engine.ts';
import type { TestServer } from '../support/server.ts';
import { CRM, ERP, readAll, startTestServer } from '../support/server.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/convergence');
const ACCOUNTS = 3;
const ENGINES = 2;

type Field = 'name' | 'telephone1' | 'creditlimit';
/** CRM field → ERP field of the customers-accounts map. */
const ERP_FIELD: Record<Field, string> = { name: 'OrganizationName', telephone1: 'PrimaryContactPhone', creditlimit: 'CreditLimit' };

type Step =
  | { kind: 'agentEdit'; engine: number; account: number; field: Field; value: number }
  | { kind: 'agentCreate'; engine: number }
  | { kind: 'erpEdit'; account: number; field: Field; value: number }
  | { kind: 'crmEdit'; account: number; field: Field; value: number }
  | { kind: 'network'; engine: number; online: boolean }
  | { kind: 'dropAnswers'; engine: number; on: boolean }
  | { kind: 'faults'; errorRate: number; dropRate: number; latencyMs: number }
  | { kind: 'sync'; engine: number }
  | { kind: 'restart'; engine: number }
  | { kind: 'pause'; engine: number }
  | { kind: 'resume'; engine: number; mode: 'catch-up' | 'skip-keep' };

const engineIx = fc.integer({ min: 0, max: ENGINES - 1 });
const accountIx = fc.integer({ min: 0, max: ACCOUNTS - 1 });
const field = fc.constantFrom<Field>('name', 'telephone1', 'creditlimit');
const value = fc.integer({ min: 1, max: 999_999 });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('agentEdit' as const), engine: engineIx, account: accountIx, field, value }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('agentCreate' as const), engine: engineIx }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('erpEdit' as const), account: accountIx, field, value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crmEdit' as const), account: accountIx, field, value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('network' as const), engine: engineIx, online: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropAnswers' as const), engine: engineIx, on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('faults' as const), errorRate: fc.constantFrom(0, 0.3), dropRate: fc.constantFrom(0, 0.2), latencyMs: fc.constantFrom(0, 15) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), engine: engineIx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), engine: engineIx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), engine: engineIx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resume' as const), engine: engineIx, mode: fc.constantFrom<'catch-up' | 'skip-keep'>('catch-up', 'skip-keep') }) },
);

const MAP = 'customers-accounts';

let server: TestServer;
let usmf: string;
let group: string;
/** Paired usmf accounts (accountid, accountnumber), handed out ACCOUNTS per run. */
const pairs: { accountid: string; accountnumber: string }[] = [];
let run = 0;

beforeAll(async () => {
  server = await startTestServer({ seedSize: 'demo' });
  usmf = (await server.request('GET', `${CRM}/cdm_companies?$filter=cdm_companycode eq 'usmf'`)).body.value[0].cdm_companyid;
  group = (await server.request('GET', `${ERP}/CustomerGroups?$filter=dataAreaId eq 'usmf'&$top=1`)).body.value[0].CustomerGroupId;
  const { rows } = await readAll(server, `${CRM}/accounts?$filter=msdyn_company eq ${usmf} and customertypecode eq 3&$orderby=accountnumber`);
  for (const row of rows) {
    const number = row['accountnumber'] as string | null;
    if (!number) continue;
    const erp = await server.request('GET', customerPath(number));
    if (erp.status === 200 && erp.body.PartyType === 'Organization') pairs.push({ accountid: row['accountid'] as string, accountnumber: number });
  }
});
afterAll(() => server.stop());

const customerPath = (number: string) => `${ERP}/CustomersV3(dataAreaId='usmf',CustomerAccount='${number}')`;

/** The value a step writes into a field, readable back (credit limits are decimals with 4 places). */
function written(f: Field, n: number, who: string): string {
  if (f === 'creditlimit') return new Big(n).div(10_000).toFixed();
  return `${who}-${n}`;
}

interface Writes {
  /** Per "account|field": who wrote it (agent engine index, or 'erp'/'crm'), in order. */
  readonly byField: Map<string, { who: string; value: string }[]>;
  readonly created: { number: string; name: string }[];
}

async function runSchedule(steps: readonly Step[]): Promise<void> {
  run++;
  // A few fresh accounts per run while the seed has them, then round again (shrinking runs many schedules).
  const accounts = Array.from({ length: ACCOUNTS }, (_, k) => pairs[((run - 1) * ACCOUNTS + k) % pairs.length] as { accountid: string; accountnumber: string });
  const engines: TestEngine[] = [];
  for (let i = 0; i < ENGINES; i++) engines.push(await startEngine(server, 'agent.usmf'));
  const writes: Writes = { byField: new Map(), created: [] };
  const note = (account: number, f: Field, who: string, v: string) => {
    const id = `${account}|${f}`;
    writes.byField.set(id, [...(writes.byField.get(id) ?? []), { who, value: v }]);
  };
  try {
    for (const [i, s] of steps.entries()) await apply(s, i, engines, accounts, writes, note);
    await settle(engines);
    await checkInvariants(engines, accounts, writes);
  } finally {
    await server.request('PUT', '/admin/faults', { body: { latencyMs: 0, errorRate: 0, dropRate: 0 } });
    for (const e of engines) await e.close().catch(() => undefined);
  }
}

async function apply(
  s: Step,
  i: number,
  engines: TestEngine[],
  accounts: readonly { accountid: string; accountnumber: string }[],
  writes: Writes,
  note: (account: number, f: Field, who: string, v: string) => void,
): Promise<void> {
  const account = 'account' in s ? (accounts[s.account] as { accountid: string; accountnumber: string }) : null;
  switch (s.kind) {
    case 'agentEdit': {
      const v = written(s.field, s.value, `a${s.engine}`);
      const result = await engines[s.engine]?.engine.updateAccount(account?.accountid as string, { [s.field]: v });
      expect(result?.ok, JSON.stringify(result)).toBe(true);
      note(s.account, s.field, `agent${s.engine}`, v);
      return;
    }
    case 'agentCreate': {
      const number = `CV-${run}-${i}`;
      const name = `Created ${run}-${i}`;
      const result = await engines[s.engine]?.engine.createCustomer({ company: 'usmf', accountNumber: number, name, customerGroup: group, currency: 'USD' });
      expect(result?.ok, JSON.stringify(result)).toBe(true);
      writes.created.push({ number, name });
      return;
    }
    case 'erpEdit': {
      const v = written(s.field, s.value, 'erp');
      await backOffice(customerPath(account?.accountnumber as string), { [ERP_FIELD[s.field]]: v });
      note(s.account, s.field, 'erp', v);
      return;
    }
    case 'crmEdit': {
      const v = written(s.field, s.value, 'crm');
      await backOffice(`${CRM}/accounts(${account?.accountid as string})`, { [s.field]: v });
      note(s.account, s.field, 'crm', v);
      return;
    }
    case 'network':
      (engines[s.engine] as TestEngine).network.online = s.online;
      return;
    case 'dropAnswers':
      // The server commits, the answer never arrives: the client must not apply it twice.
      (engines[s.engine] as TestEngine).network.dropAnswer = s.on ? (url, method) => method !== 'GET' && url.includes('$batch') : null;
      return;
    case 'faults':
      await server.request('PUT', '/admin/faults', { body: { errorRate: s.errorRate, dropRate: s.dropRate, latencyMs: s.latencyMs } });
      return;
    case 'sync':
      await engines[s.engine]?.engine.syncNow().catch(() => undefined);
      return;
    case 'restart':
      engines[s.engine] = await (engines[s.engine] as TestEngine).restart();
      return;
    case 'pause':
      await engines[s.engine]?.engine.pauseMaps([MAP]);
      return;
    case 'resume':
      await engines[s.engine]?.engine.resumeMaps([MAP], s.mode);
      return;
  }
}

/** Back-office writes go around the fault injection's 503s: they are the world, not the system under test. */
async function backOffice(path: string, body: Record<string, unknown>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const reply = await server.request('PATCH', path, { as: 'backoffice', body }).catch(() => null);
    if (reply && reply.status < 300) return;
    if (reply && reply.status !== 503) throw new Error(`back office PATCH ${path} → ${reply.status}: ${reply.text}`);
  }
  throw new Error(`back office PATCH ${path} kept failing`);
}

/** Faults off, every engine online: sync until nothing is pending and a whole round changes nothing. */
async function settle(engines: TestEngine[]): Promise<void> {
  await server.request('PUT', '/admin/faults', { body: { latencyMs: 0, errorRate: 0, dropRate: 0 } });
  for (const e of engines) {
    e.network.online = true;
    e.network.dropAnswer = null;
    // A paused map catches up; changes kept when it skipped to live are retried.
    const state = (await e.engine.mapStatuses()).find((m) => m.id === MAP)?.state;
    if (state === 'paused') expect((await e.engine.resumeMaps([MAP], 'catch-up')).ok).toBe(true);
  }
  let quiet = 0;
  for (let round = 0; round < 12 && quiet < 2; round++) {
    const before = await serverSequence();
    for (const e of engines) {
      await e.engine.retryQueued({ mapId: MAP }); // refused while still catching up: the next round retries
      await e.engine.syncNow();
    }
    const pending = await Promise.all(engines.map(async (e) => (await e.engine.status()).pending + (await queued(e))));
    quiet = pending.every((p) => p === 0) && (await serverSequence()) === before ? quiet + 1 : 0;
  }
  expect(quiet, 'the engines kept writing: no convergence within 12 rounds').toBe(2);
}

/** Changes the engine still holds for the map (paused, or kept as catch-up items). */
async function queued(e: TestEngine): Promise<number> {
  const page = await e.engine.queue({ mapId: MAP, offset: 0, limit: 1 });
  return page.ok ? page.value.total : 0;
}

const serverSequence = async () => Number((await server.db.all<{ v: number }>('SELECT SUM(value) AS v FROM tandem_sequences'))[0]?.v);

async function checkInvariants(engines: TestEngine[], accounts: readonly { accountid: string; accountnumber: string }[], writes: Writes): Promise<void> {
  for (const [ix, pair] of accounts.entries()) {
    const crm = (await server.request('GET', `${CRM}/accounts(${pair.accountid})`)).body;
    const erp = (await server.request('GET', customerPath(pair.accountnumber))).body;
    for (const f of ['name', 'telephone1', 'creditlimit'] as const) {
      const [c, e] = [crm[f], erp[ERP_FIELD[f]]];
      const same = f === 'creditlimit' ? c !== null && e !== null && new Big(c).eq(new Big(e)) : c === e;
      expect(same, `account ${pair.accountnumber} ${f}: CRM ${JSON.stringify(c)} vs ERP ${JSON.stringify(e)}`).toBe(true);
      const history = writes.byField.get(`${ix}|${f}`) ?? [];
      const writers = new Set(history.map((h) => h.who));
      const last = history[history.length - 1];
      if (last && writers.size === 1 && last.who.startsWith('agent')) {
        const value = f === 'creditlimit' ? new Big(c).eq(new Big(last.value)) : c === last.value;
        expect(value, `account ${pair.accountnumber} ${f}: the only writer, ${last.who}, wrote ${last.value}; the stores hold ${JSON.stringify(c)}`).toBe(true);
      }
    }
  }
  for (const { number, name } of writes.created) {
    const inErp = await readAll(server, `${ERP}/CustomersV3?$filter=CustomerAccount eq '${number}'`);
    const inCrm = await readAll(server, `${CRM}/accounts?$filter=accountnumber eq '${number}'`);
    expect(inErp.rows.map((r) => r['OrganizationName']), `ERP customers ${number}`).toEqual([name]);
    expect(inCrm.rows.map((r) => r['name']), `CRM accounts ${number}`).toEqual([name]);
  }
  for (const e of engines) expect((await e.engine.status()).pending).toBe(0);
}

function fixtures(): { file: string; steps: Step[] }[] {
  try {
    return readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((file) => ({ file, steps: JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Step[] }));
  } catch {
    return [];
  }
}

describe('convergence under random schedules', () => {
  for (const { file, steps } of fixtures()) {
    it(`replays the shrunk failure ${file}`, async () => {
      await runSchedule(steps);
    });
  }

  it('holds every map invariant and loses or repeats no agent write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 20 }), async (steps) => {
        await runSchedule(steps);
      }),
      {
        numRuns: 15,
        interruptAfterTimeLimit: 150_000,
        reporter(out) {
          if (!out.failed) return;
          if (out.counterexample) {
            mkdirSync(FIXTURES, { recursive: true });
            writeFileSync(join(FIXTURES, `shrunk-${Date.now()}.json`), `${JSON.stringify(out.counterexample[0], null, 2)}\n`);
          }
          // The first failure's own error: shrinking may be cut short by the time limit.
          const cause = out.errorInstance instanceof Error ? (out.errorInstance.stack ?? out.errorInstance.message) : String(out.errorInstance);
          throw new Error(`${fc.defaultReportMessage(out)}\nFirst failure: ${cause}`);
        },
      },
    );
  }, 600_000);
});
