/** Canonical Edm.Guid: lowercase 8-4-4-4-12 hex, no braces. */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function normalizeGuid(text: string): string | null {
  return GUID.test(text) ? text.toLowerCase() : null;
}
