import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountPage, AccountSummary } from '../../src/engine/api.ts';
import { AccountList, PAGE_SIZE, REFRESH_THROTTLE_MS, ROW_HEIGHT, SEARCH_DEBOUNCE_MS } from '../../src/app/accounts/account-list.svelte.ts';

type Query = { search: string; offset: number; limit: number; pendingOnly?: boolean; company?: string };

/** A replica of `n` accounts whose answers the test releases by hand. */
function source(n: number) {
  let names = Array.from({ length: n }, (_, i) => `Account ${String(i).padStart(5, '0')}`);
  const calls: Query[] = [];
  const waiting: Array<() => void> = [];
  const row = (name: string, i: number): AccountSummary => ({ accountid: `id-${i}`, name, accountnumber: `A${i}`, company: 'usmf', city: null, telephone: null, pending: i % 2 === 1, viaContact: null });
  return {
    calls,
    rename: (i: number, name: string) => (names = names.map((x, j) => (j === i ? name : x))),
    listAccounts(query: Query): Promise<AccountPage> {
      calls.push(query);
      return new Promise((resolve) =>
        waiting.push(() => {
          const matches = names.map(row).filter((r) => r.name.toLowerCase().includes(query.search.toLowerCase()) && (!query.pendingOnly || r.pending));
          resolve({ rows: matches.slice(query.offset, query.offset + query.limit), total: matches.length, companies: ['usmf'] });
        }),
      );
    },
    /** Answers every request made so far, in order. */
    async answer() {
      for (const answer of waiting.splice(0)) answer();
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('accounts list state', () => {
  it('fetches the first page, then only the pages the window reaches', async () => {
    const src = source(10_000);
    const list = new AccountList(src);
    list.viewportHeight = 10 * ROW_HEIGHT;
    list.ensureLoaded();
    list.ensureLoaded(); // already on its way: not asked twice
    expect(src.calls).toEqual([{ search: '', offset: 0, limit: PAGE_SIZE }]);
    await src.answer();
    expect(list.total).toBe(10_000);
    expect(list.window.height).toBe(10_000 * ROW_HEIGHT);
    expect(list.rows[0]?.account?.name).toBe('Account 00000');
    expect(list.rows.length).toBeLessThan(30); // only what is visible, plus overscan

    list.scrollTop = 5_000 * ROW_HEIGHT;
    expect(list.rows.every((r) => r.account === null)).toBe(true); // placeholders while fetching
    list.ensureLoaded();
    expect(src.calls.slice(1).map((c) => c.offset)).toEqual([4_900, 5_000]);
    await src.answer();
    expect(list.rows.map((r) => r.account?.name)).toContain('Account 05000');

    list.scrollTop = 0;
    list.ensureLoaded();
    expect(src.calls).toHaveLength(3); // page 0 is cached
  });

  it('debounces the search and starts over from the top', async () => {
    const src = source(1_000);
    const list = new AccountList(src);
    list.viewportHeight = 700;
    list.ensureLoaded();
    await src.answer();
    list.scrollTop = 300 * ROW_HEIGHT;

    list.type('Account 0012');
    list.type('Account 00123');
    expect(list.input).toBe('Account 00123');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(src.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(src.calls.at(-1)).toEqual({ search: 'Account 00123', offset: 0, limit: PAGE_SIZE });
    expect(list.scrollTop).toBe(0);
    expect(list.resets).toBe(1);
    expect(list.total).toBeNull();
    await src.answer();
    expect(list.total).toBe(1);
    expect(list.rows.map((r) => r.account?.name)).toEqual(['Account 00123']);
  });

  it('drops an answer for a search that is no longer current', async () => {
    const src = source(1_000);
    const list = new AccountList(src);
    list.viewportHeight = 700;
    list.type('Account 001');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    list.type('Account 0020');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    await src.answer(); // both answer; only the second counts
    expect(list.query).toBe('Account 0020');
    expect(list.total).toBe(10);
  });

  it('refetches what is on screen when the replica changes, at most once per throttle window', async () => {
    const src = source(1_000);
    const list = new AccountList(src);
    list.viewportHeight = 700;
    list.ensureLoaded();
    await src.answer();
    list.scrollTop = 550 * ROW_HEIGHT;
    list.ensureLoaded();
    await src.answer();
    const before = src.calls.length;

    src.rename(550, 'Account 00550 renamed');
    list.refresh();
    list.refresh();
    list.refresh();
    expect(src.calls.length - before).toBe(1); // the visible page only; page 0 is forgotten
    expect(list.rows.find((r) => r.index === 550)?.account?.name).toBe('Account 00550'); // still shown meanwhile
    await src.answer();
    expect(list.rows.find((r) => r.index === 550)?.account?.name).toBe('Account 00550 renamed');

    vi.advanceTimersByTime(REFRESH_THROTTLE_MS);
    expect(src.calls.length - before).toBe(2); // one trailing refresh for the calls it absorbed
    list.scrollTop = 0;
    list.ensureLoaded();
    expect(src.calls.at(-1)?.offset).toBe(0);
  });

  it('finds rows again after an empty replica fills up (bootstrap)', async () => {
    const src = source(0);
    const list = new AccountList(src);
    list.viewportHeight = 700;
    list.ensureLoaded();
    await src.answer();
    expect(list.total).toBe(0);
    src.rename(0, 'x'); // no-op on an empty list; the refresh must still ask for page 0
    list.refresh();
    expect(src.calls.at(-1)).toEqual({ search: '', offset: 0, limit: PAGE_SIZE });
  });

  it('a filter starts the list over and is sent with every page, like the search', async () => {
    const src = source(1000);
    const list = new AccountList(src);
    list.viewportHeight = ROW_HEIGHT * 10;
    list.ensureLoaded();
    await src.answer();
    expect(list.total).toBe(1000);
    list.scrollTop = ROW_HEIGHT * 500;
    list.setPendingOnly(true);
    expect(list.scrollTop).toBe(0);
    expect(list.total).toBeNull();
    await src.answer();
    expect(src.calls.at(-1)).toMatchObject({ pendingOnly: true, offset: 0 });
    expect(list.total).toBe(500);
    expect(list.rows[0]?.account?.pending).toBe(true);
    expect(list.companies).toEqual(['usmf']);
    list.setPendingOnly(false);
    await src.answer();
    expect(list.total).toBe(1000);
  });
});
