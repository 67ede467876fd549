/** docs/maps.md: every JSON block parses, every map example validates; the published JSON Schema is current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPackage, importPackage, STANDARD_MAPS, validateMaps, type TableMap } from '../../src/core/maps/index.ts';
import { MAP_PACKAGE, toJsonSchema } from '../../src/core/maps/package-schema.ts';

const doc = readFileSync(new URL('../../docs/maps.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/(<!-- map -->\n)?```json\n([\s\S]*?)```/g)].map((m) => ({ map: m[1] !== undefined, text: m[2] ?? '' }));

describe('docs/maps.md', () => {
  it('has map examples', () => {
    expect(blocks.filter((b) => b.map).length).toBeGreaterThanOrEqual(2);
  });

  it.each(blocks.map((b, i) => [i, b] as const))('block %i is JSON', (_, block) => {
    expect(() => JSON.parse(block.text) as unknown).not.toThrow();
  });

  it.each(blocks.filter((b) => b.map).map((b) => [(JSON.parse(b.text) as TableMap).id, b] as const))('map example %s is valid and imports', (_, block) => {
    const map = JSON.parse(block.text) as TableMap;
    const catalog = [...STANDARD_MAPS.filter((m) => m.id !== map.id), map];
    expect(validateMaps(catalog)).toEqual([]);
    const installed = STANDARD_MAPS.filter((m) => m.id !== map.id);
    expect(importPackage(exportPackage({ publisher: 'Docs', version: '1.0.0.0', maps: [map] }), installed)).toMatchObject({ ok: true });
  });

  it('publishes the current JSON Schema', () => {
    const published = JSON.parse(readFileSync(new URL('../../docs/table-map.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(published).toEqual(toJsonSchema(MAP_PACKAGE));
  });
});
