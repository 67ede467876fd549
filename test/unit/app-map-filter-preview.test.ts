/**
 * The map editor's live filter preview (src/app/sync-center/editor/filter-preview.svelte.ts,
 * map-editor.svelte.ts) against a fake engine: typing waits for a pause, only the latest
 * text is asked, a late answer to older text never replaces a newer one, opening a map
 * previews both sides, and the texts the screen shows.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableMap } from '../../src/core/maps/index.ts';
import type { FilterPreview, FilterPreviewInput, Result } from '../../src/engine/api.ts';
import { DEBOUNCE_MS, FilterPreviewField } from '../../src/app/sync-center/editor/filter-preview.svelte.ts';
import { MapEditor, type EditorApi } from '../../src/app/sync-center/editor/map-editor.svelte.ts';
import { previewText, splitAt } from '../../src/app/sync-center/editor/map-draft.ts';

/** A fake previewMapFilter whose answers the test releases, in any order. */
function fakePreview() {
  const asked: { input: FilterPreviewInput; answer: (r: Result<FilterPreview>) => void }[] = [];
  const api = {
    previewMapFilter: (input: FilterPreviewInput) => new Promise<Result<FilterPreview>>((answer) => asked.push({ input, answer })),
  };
  return { api, asked };
}

const count = (matching: number, total = 100): Result<FilterPreview> => ({ ok: true, value: { matching, total } });
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('filter preview field', () => {
  it('asks once, after a pause in typing, for the latest text', async () => {
    const { api, asked } = fakePreview();
    const field = new FilterPreviewField(api, 'erp', () => 'CustomersV3');
    field.type('Credit');
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    field.type('CreditLimit gt 5');
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(asked.map((a) => a.input)).toEqual([{ side: 'erp', set: 'CustomersV3', filter: 'CreditLimit gt 5' }]);
    expect(field.busy).toBe(true);
    asked[0]?.answer(count(12));
    await settle();
    expect(field.shown).toEqual({ kind: 'count', matching: 12, total: 100 });
    expect(field.busy).toBe(false);
  });

  it('never lets a late answer to older text replace a newer one', async () => {
    const { api, asked } = fakePreview();
    const field = new FilterPreviewField(api, 'crm', () => 'accounts');
    void field.check('a eq 1');
    void field.check('a eq 2');
    asked[1]?.answer(count(2));
    await settle();
    asked[0]?.answer(count(1));
    await settle();
    expect(field.shown).toEqual({ kind: 'count', matching: 2, total: 100 });
  });

  it('shows an invalid filter with its message and position, and other errors as failures', async () => {
    const { api, asked } = fakePreview();
    const field = new FilterPreviewField(api, 'erp', () => 'CustomersV3');
    void field.check("x eq 'a' and");
    asked[0]?.answer({ ok: false, error: { code: 'FILTER_INVALID', message: 'The ERP filter is invalid: … at position 12', details: { position: 12, problems: [] } } });
    await settle();
    expect(field.shown).toEqual({ kind: 'invalid', message: 'The ERP filter is invalid: … at position 12', text: "x eq 'a' and", position: 12 });
    void field.check('');
    asked[1]?.answer({ ok: false, error: { code: 'UNKNOWN_SET', message: 'No installed map reads it.' } });
    await settle();
    expect(field.shown).toEqual({ kind: 'failed', message: 'No installed map reads it. (UNKNOWN_SET)' });
  });

  it('drops what is waiting when disposed', async () => {
    const { api, asked } = fakePreview();
    const field = new FilterPreviewField(api, 'erp', () => 'CustomersV3');
    void field.check('a eq 1');
    field.type('a eq 2');
    field.dispose();
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    asked[0]?.answer(count(1));
    await settle();
    expect(asked).toHaveLength(1);
    expect(field.shown).toEqual({ kind: 'idle' });
  });
});

describe('map editor previews', () => {
  it('previews both sides of the map it opens, and only that map’s answers count', async () => {
    const { api, asked } = fakePreview();
    const map = (id: string, erp: string, crm: string) => ({ id, name: id, erp: { set: erp, filter: `${id} eq 1` }, crm: { set: crm } }) as unknown as TableMap;
    const editorApi: EditorApi = { ...api, maps: async () => [map('a', 'CustomersV3', 'accounts'), map('b', 'VendorsV2', 'msdyn_vendors')], mapStatuses: async () => [], saveMap: async () => ({ ok: false, error: { code: 'X', message: 'x' } }) };
    const editor = new MapEditor(editorApi);
    await editor.load();
    expect(asked.map((a) => a.input)).toEqual([
      { side: 'erp', set: 'CustomersV3', filter: 'a eq 1' },
      { side: 'crm', set: 'accounts', filter: '' },
    ]);
    editor.open('b');
    asked[0]?.answer(count(5));
    asked[2]?.answer(count(7));
    await settle();
    expect(editor.previews.erp.shown).toEqual({ kind: 'count', matching: 7, total: 100 });
    editor.typeFilter('crm', 'msdyn_name ne null');
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(asked.at(-1)?.input).toEqual({ side: 'crm', set: 'msdyn_vendors', filter: 'msdyn_name ne null' });
  });
});

describe('filter preview texts', () => {
  it('counts rows with thousands separators', () => {
    expect(previewText(1234, 80000)).toBe('1,234 of 80,000 rows match');
    expect(previewText(1, 80000)).toBe('1 of 80,000 rows matches');
    expect(previewText(0, 1)).toBe('0 of 1 row match');
    expect(previewText(0, 0)).toBe('No rows of this set on this device yet');
  });

  it('marks where an error is, also past the end of the text', () => {
    expect(splitAt("x eq 'a' and (", 13)).toEqual({ before: "x eq 'a' and ", at: '(', after: '' });
    expect(splitAt('x eq', 4)).toEqual({ before: 'x eq', at: '', after: '' });
    expect(splitAt('x', -3)).toEqual({ before: '', at: 'x', after: '' });
  });
});
