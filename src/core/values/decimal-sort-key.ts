/**
 * A text key per canonical decimal whose binary (memcmp) order is numeric order, so SQLite
 * can ORDER BY a TEXT-stored decimal through `tandem_dec_key(col)`.
 *
 * Write a non-zero value as ±0.d₁d₂…dₙ × 10^E with d₁ ≠ 0 and dₙ ≠ 0 (canonical text has
 * no leading or trailing zeros to strip). Then:
 *
 *   negative  "0" + pad(OFFSET − E) + (9 − dᵢ)… + "~"
 *   zero      "1"
 *   positive  "2" + pad(OFFSET + E) + dᵢ…
 *
 * The class digit orders signs; the fixed-width exponent orders magnitudes (reversed for
 * negatives); then mantissa digits compare as text. A positive mantissa that is a prefix of
 * another is smaller (0.12 < 0.123), which prefix order gives for free. For negatives the
 * complemented digits are followed by "~", which sorts above every digit, so the shorter
 * mantissa (the larger value, −0.12 > −0.123) sorts last.
 *
 * OFFSET is 10^10: |E| is bounded by the text length, and JS strings stay far below that.
 */

const OFFSET = 1e10;
const EXPONENT_WIDTH = 11;

export function decimalSortKey(canonical: string): string {
  if (canonical === '0') return '1';
  const negative = canonical.startsWith('-');
  const { mantissa, exponent } = scientific(negative ? canonical.slice(1) : canonical);
  if (!negative) return '2' + pad(OFFSET + exponent) + mantissa;
  return '0' + pad(OFFSET - exponent) + complement(mantissa) + '~';
}

/** Unsigned canonical text → significant digits and the power E of 0.digits × 10^E. */
function scientific(unsigned: string): { mantissa: string; exponent: number } {
  const point = unsigned.indexOf('.');
  const int = point < 0 ? unsigned : unsigned.slice(0, point);
  const frac = point < 0 ? '' : unsigned.slice(point + 1);
  if (int !== '0') return { mantissa: (int + frac).replace(/0+$/, ''), exponent: int.length };
  const zeros = frac.length - frac.replace(/^0+/, '').length;
  return { mantissa: frac.slice(zeros), exponent: -zeros };
}

function pad(n: number): string {
  return String(n).padStart(EXPONENT_WIDTH, '0');
}

function complement(digits: string): string {
  let out = '';
  for (const d of digits) out += String(9 - Number(d));
  return out;
}
