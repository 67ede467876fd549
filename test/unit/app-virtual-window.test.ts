import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pagesFor, rowWindow } from '../../src/app/accounts/virtual-window.ts';

describe('virtual list window', () => {
  const base = { rowHeight: 72, viewportHeight: 720, overscan: 5 };

  it('renders the visible rows plus overscan at the top of the list', () => {
    expect(rowWindow({ ...base, scrollTop: 0, total: 10_000 })).toEqual({ start: 0, end: 15, height: 720_000 });
  });

  it('follows the scroll position', () => {
    expect(rowWindow({ ...base, scrollTop: 72 * 1000 + 30, total: 10_000 })).toEqual({ start: 995, end: 1016, height: 720_000 });
  });

  it('clamps at the end of the list and past it', () => {
    const w = rowWindow({ ...base, scrollTop: 10_000_000, total: 10_000 });
    expect(w.end).toBe(10_000);
    expect(w.start).toBe(10_000 - 10 - 5);
  });

  it('is empty for an empty list', () => {
    expect(rowWindow({ ...base, scrollTop: 0, total: 0 })).toEqual({ start: 0, end: 0, height: 0 });
  });

  it('always covers the viewport and never renders more than it plus overscan', () => {
    fc.assert(
      fc.property(fc.nat(200_000), fc.nat(5_000), fc.integer({ min: 1, max: 2_000 }), (total, scrollTop, viewportHeight) => {
        const w = rowWindow({ ...base, viewportHeight, scrollTop, total });
        expect(w.start).toBeGreaterThanOrEqual(0);
        expect(w.end).toBeLessThanOrEqual(total);
        expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(viewportHeight / base.rowHeight) + 1 + 2 * base.overscan);
        const top = Math.min(scrollTop, Math.max(0, w.height - viewportHeight));
        const firstVisible = Math.floor(top / base.rowHeight);
        const lastVisible = Math.min(total, Math.ceil((top + viewportHeight) / base.rowHeight));
        if (total > 0) {
          expect(w.start).toBeLessThanOrEqual(firstVisible);
          expect(w.end).toBeGreaterThanOrEqual(lastVisible);
        }
      }),
    );
  });

  it('names the pages that hold a range of rows', () => {
    expect(pagesFor(0, 15, 100)).toEqual([0]);
    expect(pagesFor(95, 116, 100)).toEqual([0, 1]);
    expect(pagesFor(100, 200, 100)).toEqual([1]);
    expect(pagesFor(5, 5, 100)).toEqual([]);
  });
});
