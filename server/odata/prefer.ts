/** The Prefer header preferences the service honours (RFC 7240, OData 4.01 §8.2.8). */
export interface Preferences {
  readonly maxPageSize?: number;
  readonly trackChanges: boolean;
  readonly returnRepresentation?: boolean;
}

export const DEFAULT_PAGE_SIZE = 5000;
export const MAX_PAGE_SIZE = 5000;

export function parsePrefer(header: string | undefined): Preferences {
  let maxPageSize: number | undefined;
  let trackChanges = false;
  let returnRepresentation: boolean | undefined;
  for (const raw of (header ?? '').split(',')) {
    // RFC 7240: preference = token [ "=" value ] *( ";" parameter ); we use no parameters.
    const [preference = ''] = raw.split(';');
    const [name = '', value = ''] = preference.trim().split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    const key = name.toLowerCase();
    if (key === 'odata.maxpagesize' || key === 'maxpagesize') {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0) maxPageSize = Math.min(n, MAX_PAGE_SIZE);
    } else if (key === 'odata.track-changes' || key === 'track-changes') {
      trackChanges = true;
    } else if (key === 'return') {
      if (value === 'representation') returnRepresentation = true;
      if (value === 'minimal') returnRepresentation = false;
    }
  }
  return {
    trackChanges,
    ...(maxPageSize !== undefined ? { maxPageSize } : {}),
    ...(returnRepresentation !== undefined ? { returnRepresentation } : {}),
  };
}
