/** Below $1, show this many significant digits ($0.0031, $0.000012, $0.50). */
const SMALL_SIGNIFICANT_DIGITS = 2;
/** From $1 up to this amount, show cents unless they are zero ($93, $12.50). */
const CENTS_LIMIT = 100;
const CENT_DECIMALS = 2;

/**
 * A compact, locale-independent USD amount for the CLI and hovers: two significant digits below $1,
 * cents between $1 and $100 (dropped when zero), whole dollars with thousands separators from $100.
 * @example formatUsd(0.0031) // '$0.0031'
 * @example formatUsd(0.000012) // '$0.000012'
 * @example formatUsd(93) // '$93'
 * @example formatUsd(12.5) // '$12.50'
 * @example formatUsd(1240) // '$1,240'
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return amount > 0 ? '$∞' : amount < 0 ? '-$∞' : '$?';
  const sign = amount < 0 ? '-' : '';
  return `${sign}$${formatMagnitude(Math.abs(amount))}`;
}

function formatMagnitude(value: number): string {
  if (value === 0) return '0';
  if (value < 1) {
    const rounded = Number(value.toPrecision(SMALL_SIGNIFICANT_DIGITS));
    if (rounded < 1) {
      const decimals = SMALL_SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(rounded));
      return rounded.toFixed(decimals);
    }
    value = rounded; // 0.996 rounds up to 1.0: format as dollars below
  }
  const cents = Math.round(value * 10 ** CENT_DECIMALS) / 10 ** CENT_DECIMALS;
  if (cents < CENTS_LIMIT) return Number.isInteger(cents) ? String(cents) : cents.toFixed(CENT_DECIMALS);
  return groupThousands(Math.round(value));
}

function groupThousands(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
