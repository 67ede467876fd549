/**
 * Window math for a virtual list with a fixed row height: which rows to render for a
 * scroll position, and which pages to fetch for them. Pure, so it is tested directly.
 *
 *   scrollTop ─┐ ┌─────────── viewport ───────────┐
 *              ▼ │                                │
 *   rows:  … [overscan] [first … last visible] [overscan] …
 *              start                                   end (exclusive)
 */
export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly total: number;
  readonly overscan: number;
}

export interface RowWindow {
  /** First row rendered. */
  readonly start: number;
  /** One past the last row rendered. */
  readonly end: number;
  /** Height of the whole (virtual) list in px. */
  readonly height: number;
}

export function rowWindow({ scrollTop, viewportHeight, rowHeight, total, overscan }: WindowInput): RowWindow {
  const height = Math.max(0, total) * rowHeight;
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0, height };
  const top = clamp(scrollTop, 0, Math.max(0, height - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(total, last + overscan), height };
}

/** Pages (of `pageSize` rows) that hold the rows [start, end). */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let page = Math.floor(start / pageSize); page <= Math.floor((end - 1) / pageSize); page++) pages.push(page);
  return pages;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
