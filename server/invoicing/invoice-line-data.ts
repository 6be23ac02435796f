import type { InvoiceLine } from "../billing/types";

/** An engine line as the columns of an InvoiceLine row (money and quantities as exact strings). */
export function invoiceLineData(line: InvoiceLine) {
  return {
    kind: line.kind,
    description: line.description,
    metric: line.metric ?? null,
    group: line.group ?? undefined,
    quantity: line.quantity.toFixed(),
    unitPrice: line.unitPrice?.toFixed() ?? null,
    amount: line.amount.toFixed(),
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    chargeIndex: line.chargeIndex ?? null,
  };
}
