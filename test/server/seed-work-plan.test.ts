/**
 * The seed plans work orders around its work day (server/seed/work-plan.ts): every company's
 * agent finds three work orders today, two overdue (planned before today, still open) and
 * some coming up, at every seed size; the same work day gives the same rows, another one
 * shifts them by whole days.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rowFromSql } from '../../server/odata/codec.ts';
import type { Row } from '../../server/odata/codec.ts';
import { STORES } from '../../server/schema/index.ts';
import type { SeedSize } from '../../server/seed/index.ts';
import { seedDatabase } from '../../server/seed/index.ts';
import { AGENDA, workDayOf } from '../../server/seed/work-plan.ts';
import { bootstrapSchema } from '../../server/storage/bootstrap.ts';
import type { Db, SqlRow } from '../../server/storage/db.ts';
import { quoteId } from '../../server/storage/db.ts';
import { openSqlite } from '../../server/storage/sqlite.ts';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const WORK_DAY = new Date('2026-06-20T00:00:00.000Z');
const DAY = 86_400_000;
const OPEN = new Set([690970000, 690970001, 690970002]); // Unscheduled, Scheduled, InProcess

async function workOrders(size: SeedSize, workDay: Date): Promise<Row[]> {
  const db: Db = openSqlite(':memory:');
  try {
    await bootstrapSchema(db, STORES);
    await seedDatabase(db, { size, seed: 3, now: NOW, workDay });
    const set = STORES.find((s) => s.name === 'crm')?.sets.find((s) => s.name === 'msdyn_workorders');
    if (!set) throw new Error('no crm.msdyn_workorders');
    const rows = await db.all<SqlRow>(`SELECT * FROM ${quoteId(set.table)} ORDER BY "_seq"`);
    return rows.map((r) => rowFromSql(set, r).row);
  } finally {
    await db.close();
  }
}

const planned = (w: Row): number | null => (typeof w['msdyn_timefrompromised'] === 'string' ? Date.parse(w['msdyn_timefrompromised']) : null);
function byCompany(rows: readonly Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const w of rows) out.set(String(w['msdyn_company']), [...(out.get(String(w['msdyn_company'])) ?? []), w]);
  return out;
}

let demo: Row[];
beforeAll(async () => {
  demo = await workOrders('demo', WORK_DAY);
});

describe('work orders around the work day', () => {
  it.each(['tiny', 'demo'] as const)('%s: each company has 3 today, 2 overdue and open ones coming up', async (size) => {
    const rows = size === 'demo' ? demo : await workOrders(size, WORK_DAY);
    const start = WORK_DAY.getTime();
    const companies = byCompany(rows);
    expect(companies.size).toBe(3);
    for (const orders of companies.values()) {
      const today = orders.filter((w) => (planned(w) ?? -1) >= start && (planned(w) ?? -1) < start + DAY);
      const overdue = orders.filter((w) => (planned(w) ?? Infinity) < start && OPEN.has(w['msdyn_systemstatus'] as number));
      const upcoming = orders.filter((w) => (planned(w) ?? -1) >= start + DAY && OPEN.has(w['msdyn_systemstatus'] as number));
      expect(today.map((w) => String(w['msdyn_name']).slice(-2))).toEqual(['01', '02', '03']);
      expect(today.every((w) => OPEN.has(w['msdyn_systemstatus'] as number))).toBe(true);
      expect(overdue.map((w) => String(w['msdyn_name']).slice(-2))).toEqual(['04', '05']);
      expect(upcoming.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('plans the agenda at fixed times of the work day, and the CRM-only work order after it', () => {
    const usmf = demo.filter((w) => String(w['msdyn_name']).startsWith('US-'));
    const at = (name: string) => usmf.find((w) => w['msdyn_name'] === name)?.['msdyn_timefrompromised'];
    expect(at('US-SO00001')).toBe('2026-06-20T08:00:00.000Z');
    expect(at('US-SO00005')).toBe('2026-06-16T09:00:00.000Z');
    expect(at('US-WOC0001')).toBe('2026-06-22T13:00:00.000Z');
    expect(AGENDA.filter(([day]) => day === 0)).toHaveLength(3);
  });

  it('is the same for the same work day, and moves by whole days with it', async () => {
    expect(await workOrders('demo', WORK_DAY)).toEqual(demo);
    const later = await workOrders('demo', new Date(WORK_DAY.getTime() + 3 * DAY));
    expect(later.map((w) => w['msdyn_name'])).toEqual(demo.map((w) => w['msdyn_name']));
    expect(later.map((w) => w['msdyn_systemstatus'])).toEqual(demo.map((w) => w['msdyn_systemstatus']));
    expect(later.map((w) => (planned(w) === null ? null : (planned(w) as number) - 3 * DAY))).toEqual(demo.map(planned));
  });
});

describe('the work day', () => {
  it('is the one given, else the UTC midnight of the given now, else the local midnight of today', () => {
    expect(workDayOf({ workDay: WORK_DAY, now: NOW })).toBe(WORK_DAY.getTime());
    expect(workDayOf({ now: NOW })).toBe(Date.parse('2026-06-15T00:00:00.000Z'));
    expect(workDayOf({}, () => new Date(2026, 10, 22, 17, 45))).toBe(new Date(2026, 10, 22).getTime());
  });
});
