/**
 * Money typed by an agent, checked and put in canonical form (a decimal string, never a
 * float: DESIGN.md "money is a decimal string"). Canonical = no leading zeros, no trailing
 * fraction zeros, no "-0", so "2500.50" and "2500.5" are the same value.
 */
export type DecimalCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

export interface DecimalRules {
  /** Digits after the point the store keeps. */
  readonly scale: number;
  /** Total digits the store keeps. */
  readonly precision: number;
  readonly allowNegative?: boolean;
}

const SHAPE = /^(-?)(\d*)(?:\.(\d*))?$/;

export function checkDecimal(input: string, rules: DecimalRules): DecimalCheck {
  const textValue = input.trim();
  const match = SHAPE.exec(textValue);
  if (!match || textValue === '-' || textValue === '.' || textValue === '-.' || textValue === '') {
    return { ok: false, message: 'Enter an amount with digits and an optional dot, e.g. 2500.50' };
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const intDigits = whole.replace(/^0+/, '');
  const fracDigits = fraction.replace(/0+$/, '');
  if (fracDigits.length > rules.scale) return { ok: false, message: `At most ${rules.scale} digits after the dot` };
  if (intDigits.length > rules.precision - rules.scale) return { ok: false, message: 'That amount is too large' };
  const zero = intDigits === '' && fracDigits === '';
  if (sign === '-' && !zero && !rules.allowNegative) return { ok: false, message: 'The amount cannot be negative' };
  const body = (intDigits || '0') + (fracDigits ? `.${fracDigits}` : '');
  return { ok: true, value: sign === '-' && !zero ? `-${body}` : body };
}

/**
 * Money for reading: digit groups and at least two decimals ("2,500.50"), from the
 * canonical string — never through a float, so nothing is rounded.
 */
export function formatMoney(value: unknown): string | null {
  const canonical = canonicalDecimal(value);
  if (canonical === null) return null;
  const [whole = '0', fraction = ''] = canonical.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${canonical.startsWith('-') ? '-' : ''}${grouped}.${fraction.padEnd(2, '0')}`;
}

/** Money as an input shows it: canonical, with at least two decimals ("2500.50"). */
export function moneyInput(value: unknown): string {
  const canonical = canonicalDecimal(value);
  if (canonical === null) return '';
  const [whole, fraction = ''] = canonical.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** Canonical text of a stored decimal (string or number), or null when it is not one. */
export function canonicalDecimal(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const check = checkDecimal(String(value), { scale: 64, precision: 128, allowNegative: true });
  return check.ok ? check.value : null;
}
