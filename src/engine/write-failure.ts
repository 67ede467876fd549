/**
 * What a local write that failed tells the agent: a map's transform error (map and
 * field), a local-write error (no such row…), or a full device. Shared by Engine.write and
 * the operations that write through it (resolving a conflict, retrying an error).
 */
import Dexie from 'dexie';
import { MapError } from '../core/maps/index.ts';
import type { EngineError } from './api.ts';
import { LocalWriteError } from './local-write.ts';

/** The error as data, or null when it is not a write failure (a bug: rethrow it). */
export function writeFailure(error: unknown): EngineError | null {
  if (error instanceof MapError) return { code: error.code, message: error.message, details: { mapId: error.mapId, ...(error.field ? { field: error.field } : {}) } };
  if (error instanceof LocalWriteError) return { code: error.code, message: error.message };
  if (error instanceof Dexie.QuotaExceededError || (error as { name?: string } | null)?.name === 'QuotaExceededError') {
    return { code: 'STORAGE_FULL', message: 'The device storage is full: this change was not saved. Nothing queued before was lost. Free space and try again.' };
  }
  return null;
}
