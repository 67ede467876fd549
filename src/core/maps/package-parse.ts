/**
 * The defensive reader of untrusted package JSON. Two passes:
 *   1. scan   every object key at any depth: `__proto__`, `constructor`, `prototype` are
 *             refused with their path; depth and node count are capped (deeply nested junk)
 *   2. shape  the value against package-schema.ts: unknown or extra keys, wrong types,
 *             oversized strings and arrays, unknown `kind`s — every problem with its path
 * The result is a fresh copy built from plain literals, sharing nothing with the input.
 */
import { MapError } from './errors.ts';
import { LIMITS, type Shape } from './package-schema.ts';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: MapError[] };

export function parseShaped<T>(input: unknown, shape: Shape): Parsed<T> {
  const errors: MapError[] = [];
  const fail = (path: string, message: string): void => void (errors.length < 100 && errors.push(new MapError('MAP_PACKAGE', { mapId: 'package', path }, `${path}: ${message}`)));
  scan(input, '$', 0, { nodes: 0 }, fail);
  if (errors.length > 0) return { ok: false, errors };
  const value = read(input, shape, '$', fail);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value as T };
}

type Fail = (path: string, message: string) => void;

function scan(value: unknown, path: string, depth: number, count: { nodes: number }, fail: Fail): void {
  if (typeof value !== 'object' || value === null) return;
  count.nodes += 1;
  if (count.nodes > LIMITS.nodes) return fail(path, `too many values (more than ${LIMITS.nodes})`);
  if (depth > LIMITS.depth) return fail(path, `nested deeper than ${LIMITS.depth} levels`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => scan(item, `${path}[${i}]`, depth + 1, count, fail));
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return fail(path, 'is not a plain JSON object');
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') return fail(path, 'has a symbol key');
    if (FORBIDDEN.has(key)) {
      fail(`${path}.${key}`, `the key '${key}' is refused (prototype pollution)`);
      continue;
    }
    scan((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, count, fail);
  }
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function read(value: unknown, shape: Shape, path: string, fail: Fail): unknown {
  switch (shape.t) {
    case 'string':
      if (typeof value !== 'string') return fail(path, `expected a string, got ${typeName(value)}`);
      if (value.length > shape.max) return fail(path, `string longer than ${shape.max} characters (${value.length})`);
      if (shape.pattern !== undefined && !new RegExp(shape.pattern, 'u').test(value)) return fail(path, `${JSON.stringify(value.slice(0, 60))} does not match ${shape.pattern}`);
      if (shape.enum !== undefined && !shape.enum.includes(value)) return fail(path, `${JSON.stringify(value.slice(0, 60))} is not one of ${shape.enum.join(', ')}`);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, `expected a number, got ${typeName(value)}`);
      if (shape.integer && !Number.isInteger(value)) return fail(path, `expected an integer, got ${value}`);
      if ((shape.min !== undefined && value < shape.min) || (shape.max !== undefined && value > shape.max)) return fail(path, `${value} is outside ${shape.min ?? '-∞'}..${shape.max ?? '∞'}`);
      return value;
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(path, `expected a boolean, got ${typeName(value)}`);
    case 'const':
      return value === shape.value ? value : fail(path, `expected ${JSON.stringify(shape.value)}, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : typeName(value)}`);
    case 'scalar':
      if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
      if (typeof value === 'string') return value.length <= LIMITS.string ? value : fail(path, `string longer than ${LIMITS.string} characters`);
      return fail(path, `expected a string, number, boolean or null, got ${typeName(value)}`);
    case 'array':
      return readArray(value, shape, path, fail);
    case 'tuple':
      if (!Array.isArray(value) || value.length !== shape.of.length) return fail(path, `expected an array of ${shape.of.length}, got ${typeName(value)}`);
      return shape.of.map((s, i) => read(value[i], s, `${path}[${i}]`, fail));
    case 'object':
      return readObject(value, shape, path, fail);
    case 'record': {
      if (!isObject(value)) return fail(path, `expected an object, got ${typeName(value)}`);
      const entries = Object.entries(value);
      if (entries.length > shape.max) return fail(path, `more than ${shape.max} entries`);
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(k)) fail(`${path}.${k}`, 'is not a field name');
        else out[k] = read(v, shape.of, `${path}.${k}`, fail);
      }
      return out;
    }
    case 'variant': {
      if (!isObject(value)) return fail(path, `expected an object, got ${typeName(value)}`);
      const tag = value[shape.key];
      const option = typeof tag === 'string' && Object.hasOwn(shape.options, tag) ? shape.options[tag] : undefined;
      if (option === undefined) return fail(`${path}.${shape.key}`, `unknown ${shape.key} ${typeof tag === 'string' ? JSON.stringify(tag.slice(0, 60)) : typeName(tag)} (expected ${Object.keys(shape.options).join(', ')})`);
      return readObject(value, option, path, fail);
    }
    case 'oneOf': {
      for (const option of shape.of) {
        const trial: string[] = [];
        const result = read(value, option, path, (p) => void trial.push(p));
        if (trial.length === 0) return result;
      }
      return fail(path, `does not match any allowed form`);
    }
  }
}

function readArray(value: unknown, shape: Extract<Shape, { t: 'array' }>, path: string, fail: Fail): unknown {
  if (!Array.isArray(value)) return fail(path, `expected an array, got ${typeName(value)}`);
  if (value.length > shape.max) return fail(path, `more than ${shape.max} items (${value.length})`);
  if (shape.min !== undefined && value.length < shape.min) return fail(path, `fewer than ${shape.min} items`);
  return value.map((item, i) => read(item, shape.of, `${path}[${i}]`, fail));
}

function readObject(value: unknown, shape: Extract<Shape, { t: 'object' }>, path: string, fail: Fail): unknown {
  if (!isObject(value)) return fail(path, `expected an object, got ${typeName(value)}`);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape.props, key)) fail(`${path}.${key}`, `unknown key '${key.slice(0, 60)}' (allowed: ${Object.keys(shape.props).join(', ')})`);
  }
  for (const [key, s] of Object.entries(shape.props)) {
    if (!Object.hasOwn(value, key) || value[key] === undefined) {
      if (shape.required.includes(key)) fail(`${path}.${key}`, 'is required');
      continue;
    }
    out[key] = read(value[key], s, `${path}.${key}`, fail);
  }
  return out;
}
