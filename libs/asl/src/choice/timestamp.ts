/**
 * Timestamps as Choice rules compare them: RFC 3339 date-times with an uppercase `T`, a
 * required offset (`Z` or `±hh:mm`) and optional fractional seconds.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds (fractional below 1 ms) of a valid timestamp, else undefined. */
export function timestampMs(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = TIMESTAMP.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const base = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  const check = new Date(base);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  let offset = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  const fraction = frac === undefined ? 0 : Number(`0${frac}`) * 1000;
  return base - offset + fraction;
}

export function isTimestamp(v: unknown): v is string {
  return timestampMs(v) !== undefined;
}
