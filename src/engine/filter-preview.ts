/**
 * The map editor's live filter preview: how many rows of the replica's copy of a set a
 * filter keeps. (Being built: see the engine method previewMapFilter.)
 */
import type { FilterPreview, FilterPreviewInput, Result } from './api.ts';
import type { EngineContext } from './context.ts';

export async function previewMapFilter(ctx: EngineContext, input: FilterPreviewInput): Promise<Result<FilterPreview>> {
  void ctx;
  void input;
  return { ok: false, error: { code: 'NOT_BUILT', message: 'The filter preview is being built.' } };
}
