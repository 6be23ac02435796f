/**
 * A period already invoiced for a customer: the period of a finalized closing invoice that is not
 * void (open, paid or uncollectible). Usage in it is refused, since a finalized invoice never
 * changes (BILLING.md); a draft still accepts late usage, and "refresh usage" brings it onto the
 * draft. Ingestion reads them for each batch in its transaction (ingestion-state.ts), never cached.
 */
export interface ClosedPeriod {
  start: Date;
  end: Date;
  invoice: string;
}

export function closedPeriodAt(periods: readonly ClosedPeriod[] | undefined, instant: Date): ClosedPeriod | null {
  return periods?.find((p) => p.start <= instant && instant < p.end) ?? null;
}
