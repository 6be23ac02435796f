// The journal's months: UTC calendar months written "YYYY-MM", as LedgerPeriodClose stores them
// and journal.ts reads them. Pure.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  const match = MONTH.exec(value);
  return match !== null && Number(match[1]) >= 1970;
}

/** The month an instant falls in, UTC. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** [start, end) of a month, UTC. */
export function monthBounds(month: string): { start: Date; end: Date } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month: "${month}"`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, index, 1)), end: new Date(Date.UTC(year, index + 1, 1)) };
}

export function nextMonth(month: string): string {
  return monthOf(monthBounds(month).end);
}
