/**
 * Exact decimal numbers as goflow computes them (shopspring/decimal): `1.1 + 2.2` is `3.3`,
 * division keeps 16 decimal places, rounding is half away from zero, and numbers are written
 * without exponent and without trailing zeros.
 */

const TEN = BigInt(10);
const ZERO = BigInt(0);

/** shopspring's `DivisionPrecision`. */
const DIVISION_PRECISION = 16;

/** goflow's `MaxNumberDigits` and exponent range (`CheckDecimalRange`). */
const MAX_DIGITS = 36;
const MAX_ADJUSTED_EXPONENT = 100;

const DECIMAL_PATTERN = /^-?(([0-9]+)|([0-9]+\.[0-9]+)|(\.[0-9]+))$/;

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

function abs(value: bigint): bigint {
  return value < ZERO ? -value : value;
}

/** `coefficient × 10^exponent`. Immutable. */
export class Decimal {
  private constructor(
    readonly coefficient: bigint,
    readonly exponent: number,
  ) {}

  static fromInt(value: number): Decimal {
    return new Decimal(BigInt(Math.trunc(value)), 0);
  }

  /** Parses goflow's number syntax (`-12`, `3.50`, `.5`; no `+`, no exponent); undefined otherwise. */
  static parse(text: string): Decimal | undefined {
    const trimmed = text.trim();
    if (!DECIMAL_PATTERN.test(trimmed)) return undefined;
    const negative = trimmed.startsWith('-');
    const unsigned = negative ? trimmed.slice(1) : trimmed;
    const [whole, fraction = ''] = unsigned.split('.');
    const coefficient = BigInt((whole || '0') + fraction);
    return new Decimal(negative ? -coefficient : coefficient, -fraction.length);
  }

  isZero(): boolean {
    return this.coefficient === ZERO;
  }

  /** Whether goflow accepts this number (at most 36 significant digits, magnitude within 10^±100). */
  inRange(): boolean {
    if (this.isZero()) return true;
    const digits = abs(this.coefficient).toString();
    if (digits.replace(/0+$/, '').length > MAX_DIGITS) return false;
    const adjusted = this.exponent + digits.length - 1;
    return adjusted <= MAX_ADJUSTED_EXPONENT && adjusted >= -MAX_ADJUSTED_EXPONENT;
  }

  private rescale(exponent: number): bigint {
    return this.exponent >= exponent ? this.coefficient * pow10(this.exponent - exponent) : this.coefficient / pow10(exponent - this.exponent);
  }

  add(other: Decimal): Decimal {
    const exponent = Math.min(this.exponent, other.exponent);
    return new Decimal(this.rescale(exponent) + other.rescale(exponent), exponent);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.neg());
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.coefficient * other.coefficient, this.exponent + other.exponent);
  }

  /** Division rounded to 16 decimal places, half away from zero (shopspring's `Div`). Throws on zero. */
  div(other: Decimal): Decimal {
    if (other.isZero()) throw new RangeError('division by zero');
    // scale the dividend so the integer quotient carries one digit beyond the precision, then round
    const shift = DIVISION_PRECISION + 1 + other.exponent - this.exponent;
    let numerator = this.coefficient;
    let denominator = other.coefficient;
    if (shift >= 0) numerator *= pow10(shift);
    else denominator *= pow10(-shift);
    const quotient = numerator / denominator;
    return new Decimal(quotient, -(DIVISION_PRECISION + 1)).round(DIVISION_PRECISION);
  }

  neg(): Decimal {
    return new Decimal(-this.coefficient, this.exponent);
  }

  cmp(other: Decimal): number {
    const exponent = Math.min(this.exponent, other.exponent);
    const a = this.rescale(exponent);
    const b = other.rescale(exponent);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: Decimal): boolean {
    return this.cmp(other) === 0;
  }

  /** Rounds to `places` decimal places (negative: tens, hundreds…), half away from zero. */
  round(places: number): Decimal {
    if (-this.exponent <= places) return this;
    const drop = -this.exponent - places;
    const divisor = pow10(drop);
    const magnitude = abs(this.coefficient);
    let kept = magnitude / divisor;
    if ((magnitude % divisor) * BigInt(2) >= divisor) kept += BigInt(1);
    return new Decimal(this.coefficient < ZERO ? -kept : kept, -places);
  }

  /** The whole-number part, truncated toward zero. */
  truncate(): bigint {
    return this.exponent >= 0 ? this.coefficient * pow10(this.exponent) : this.coefficient / pow10(-this.exponent);
  }

  /** Fixed-point text without trailing fractional zeros: `3.50` → `3.5`, `2.0` → `2`, `1e3` → `1000`. */
  toString(): string {
    if (this.exponent >= 0) return (this.coefficient * pow10(this.exponent)).toString();
    const negative = this.coefficient < ZERO;
    const digits = abs(this.coefficient).toString().padStart(-this.exponent + 1, '0');
    const whole = digits.slice(0, digits.length + this.exponent);
    const fraction = digits.slice(digits.length + this.exponent).replace(/0+$/, '');
    const text = fraction ? `${whole}.${fraction}` : whole;
    return negative && text !== '0' ? `-${text}` : text;
  }
}
