/**
 * CSV for log exports: RFC 4180 (comma-separated, CRLF line ends, a cell holding a comma,
 * a double quote, CR or LF is quoted and its quotes doubled) with a header row, and safe to
 * open in a spreadsheet: a cell that would start a formula (= + - @, or a tab or CR before
 * one) is prefixed with an apostrophe, so user data stays data.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: text as is, numbers and booleans as text, objects as JSON, null and undefined empty. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
