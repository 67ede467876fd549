/** The field agent's routes and the pure display helpers of its screens. */
import { describe, expect, it } from 'vitest';
import { fieldHref, parseFieldRoute, type FieldRoute } from '../../src/app/field-routes.ts';
import { ageLabel, formatQuantity } from '../../src/app/products/product-list.svelte.ts';
import { dayWindow, fromLocalInput, localInput, plannedLabel, statusLabel } from '../../src/app/work-orders/labels.ts';
import { workOrderQuery } from '../../src/app/work-orders/work-order-list.svelte.ts';

describe('field agent routes', () => {
  it.each([
    ['/home', { name: 'home' }],
    ['/work-orders', { name: 'work-orders' }],
    ['/work-orders/9f1c-2', { name: 'work-order', id: '9f1c-2' }],
    ['/products', { name: 'products' }],
    ['/accounts/a%20b/orders', { name: 'sales-documents', accountid: 'a b' }],
    ['/accounts/a-1/new-order', { name: 'order-entry', accountid: 'a-1', kind: 'order' }],
    ['/accounts/a-1/new-quote', { name: 'order-entry', accountid: 'a-1', kind: 'quote' }],
    ['/accounts/a-1/new-invoice', null],
    ['/accounts/a-1', null],
    ['/work-orders/%E0%A4%A', null],
  ] as const)('%s', (path, route) => {
    expect(parseFieldRoute(path)).toEqual(route);
    if (route) expect(parseFieldRoute(fieldHref(route as FieldRoute).slice(1))).toEqual(route);
  });
});

describe('work order labels', () => {
  it('today is [local midnight, next local midnight)', () => {
    const now = new Date(2026, 10, 22, 15, 30);
    const { from, until } = dayWindow(now);
    expect(new Date(from)).toEqual(new Date(2026, 10, 22));
    expect(new Date(until)).toEqual(new Date(2026, 10, 23));
  });

  it('shows the time for today, the date otherwise, and says when nothing is planned', () => {
    const now = new Date(2026, 10, 22, 8, 0);
    expect(plannedLabel(new Date(2026, 10, 22, 9, 30).toISOString(), now)).toMatch(/09:30|9:30/);
    expect(plannedLabel(new Date(2026, 10, 24, 9, 30).toISOString(), now)).toMatch(/24/);
    expect(plannedLabel(null, now)).toBe('Not planned');
    expect(statusLabel('InProcess')).toBe('In progress');
    expect(statusLabel(null)).toBe('No status');
  });

  it('round-trips a datetime-local value in local time, and refuses a malformed one', () => {
    const at = new Date(2026, 10, 22, 7, 5);
    expect(localInput(at)).toBe('2026-11-22T07:05');
    expect(fromLocalInput('2026-11-22T07:05')).toBe(at.toISOString());
    expect(fromLocalInput('22/11/2026 07:05')).toBeNull();
    expect(fromLocalInput('')).toBeNull();
  });

  it('asks the engine for the filter chosen', () => {
    const now = new Date(2026, 10, 22, 12);
    expect(workOrderQuery('open', ' pump ', 50, now)).toEqual({ offset: 0, limit: 50, search: 'pump', status: 'open' });
    expect(workOrderQuery('all', '', 100, now)).toEqual({ offset: 0, limit: 100 });
    expect(workOrderQuery('today', '', 50, now)).toEqual({ offset: 0, limit: 50, ...dayWindow(now) });
    expect(workOrderQuery('Completed', '', 50, now)).toMatchObject({ status: 'Completed' });
  });
});

describe('product display', () => {
  it('says how old the copy is', () => {
    expect(ageLabel(null)).toBeNull();
    expect(ageLabel(30)).toBe('less than a minute');
    expect(ageLabel(600)).toBe('10 min');
    expect(ageLabel(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(ageLabel(7200)).toBe('2 h');
    expect(ageLabel(5 * 86_400)).toBe('5 days');
  });

  it('groups quantity digits without going through a float', () => {
    expect(formatQuantity('1234567.123456')).toBe('1,234,567.123456');
    expect(formatQuantity('-12000')).toBe('-12,000');
    expect(formatQuantity(null)).toBe('—');
  });
});
