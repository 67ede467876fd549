/**
 * Canonical Edm.Date ("YYYY-MM-DD") and Edm.DateTimeOffset ("YYYY-MM-DDTHH:MM:SS.sssZ", UTC).
 *
 * Both canonical forms are fixed-width ASCII, so their text order is chronological order:
 * storage and the filter evaluator compare them as plain strings. Years are 0001–9999 in the
 * proleptic Gregorian calendar. Arithmetic is done on day numbers here rather than with
 * `Date`, whose constructor maps years 0–99 onto 1900–1999.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const MINUTES_PER_DAY = 24 * 60;

export function normalizeDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(year, month, day) ? text : null;
}

/**
 * Accepts ISO 8601 / RFC 3339 date-times with "Z" or a ±HH:MM offset, optional seconds and
 * fractional seconds; returns UTC with milliseconds. Digits past the millisecond are
 * truncated (not rounded) so that normalising never carries into the next second.
 */
export function normalizeDateTime(text: string): string | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? '0')];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const offset = m[8] !== undefined ? 0 : offsetMinutes(m[10] ?? '', m[11] ?? '', m[9] ?? '+');
  if (offset === null) return null;
  const utcMinutes = daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute - offset;
  const days = Math.floor(utcMinutes / MINUTES_PER_DAY);
  const minutes = utcMinutes - days * MINUTES_PER_DAY;
  const date = civilFromDays(days);
  if (date.year < 1 || date.year > 9999) return null;
  const millis = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  const time = `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}:${two(second)}.${millis}Z`;
  return `${formatDate(date.year, date.month, date.day)}T${time}`;
}

function offsetMinutes(hours: string, minutes: string, sign: string): number | null {
  const [h, mm] = [Number(hours), Number(minutes)];
  if (h > 23 || mm > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + mm);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
