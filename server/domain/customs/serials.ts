import { DomainError } from '../errors.ts';

/** A serial range as declared: both ends inclusive. */
export interface SerialRange {
  from: string;
  to: string;
}

/** A well-formed range: the shared prefix, the numeric ends and how many serials it holds. */
export interface ParsedSerialRange {
  prefix: string;
  width: number;
  first: bigint;
  last: bigint;
  size: bigint;
}

/** One refused serial declaration: the request field (JSON pointer), the rule broken and why. */
export interface SerialFailure {
  path: string;
  rule: 'serial_range' | 'serial_in_range' | 'quantity_matches_serials';
  message: string;
}

const split = (serial: string) => /^(.*?)([0-9]+)$/.exec(serial);

/**
 * A serial range is well-formed when both ends are a common prefix followed by a numeric suffix of the same
 * width (leading zeros count), and `from` ≤ `to`. "SN0001"…"SN0500" holds 500 serials; "Z9"…"A1"
 * (different prefixes), "SN1"…"SN0100" (different widths) and "SN0500"…"SN0001" (backwards) are refused.
 */
export function parseSerialRange(range: SerialRange): ParsedSerialRange | SerialFailure {
  const from = split(range.from);
  const to = split(range.to);
  const refuse = (why: string): SerialFailure => ({ path: '/serialRange', rule: 'serial_range', message: `the serial range ${range.from} … ${range.to} is not well-formed: ${why}` });
  if (!from || !to) return refuse('both ends must end in digits');
  if (from[1] !== to[1]) return refuse(`the ends have different prefixes ("${from[1]}" and "${to[1]}")`);
  if (from[2]!.length !== to[2]!.length) return refuse('the numeric parts of the ends have different widths');
  const first = BigInt(from[2]!);
  const last = BigInt(to[2]!);
  if (first > last) return refuse('"from" comes after "to"');
  return { prefix: from[1]!, width: from[2]!.length, first, last, size: last - first + 1n };
}

/** Whether a serial lies inside a parsed range (same prefix and width, number between the ends). */
export function serialInRange(serial: string, range: ParsedSerialRange): boolean {
  const parts = split(serial);
  if (!parts || parts[1] !== range.prefix || parts[2]!.length !== range.width) return false;
  const value = BigInt(parts[2]!);
  return value >= range.first && value <= range.last;
}

/**
 * Checks what a shipment declares about its serials: the range is well-formed, no listed serial lies
 * inside the range (it would be counted twice), and when any serial is given, `quantity` equals the listed
 * serials plus the range size. Without serials or a range, the quantity stands alone. Returns every failure.
 */
export function serialFailures(shipment: { quantity: number; serials?: string[]; serialRange?: SerialRange }): SerialFailure[] {
  const serials = shipment.serials ?? [];
  const range = shipment.serialRange ? parseSerialRange(shipment.serialRange) : null;
  if (range && 'rule' in range) return [range];
  const failures: SerialFailure[] = [];
  if (range) {
    const inside = serials.filter((serial) => serialInRange(serial, range));
    if (inside.length > 0) failures.push({ path: '/serials', rule: 'serial_in_range', message: `serials ${inside.slice(0, 5).join(', ')} also lie inside the serial range` });
  }
  if (serials.length === 0 && !range) return failures;
  const counted = BigInt(serials.length) + (range?.size ?? 0n);
  if (counted !== BigInt(shipment.quantity)) {
    failures.push({ path: '/quantity', rule: 'quantity_matches_serials', message: `quantity ${shipment.quantity} disagrees with the ${counted} serial numbers given (${serials.length} listed${range ? ` + ${range.size} in the range` : ''})` });
  }
  return failures;
}

/** Throws DomainError('validation_failed') naming each field and rule when the serials and quantity disagree. */
export function assertSerialsAgree(shipment: { quantity: number; serials?: string[]; serialRange?: SerialRange }): void {
  const failures = serialFailures(shipment);
  if (failures.length === 0) return;
  const errors = failures.map(({ path, rule, message }) => ({ path, message, keyword: rule, params: {} }));
  throw new DomainError('validation_failed', failures.map((failure) => `${failure.path} ${failure.message}`).join('; '), { errors });
}
