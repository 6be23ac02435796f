import type { InvoiceLine } from "../billing/types";
import { MAX_STORED_AMOUNT_DIGITS } from "../validation/limits";
import { UnbillableContract } from "./billing-failures";

const LARGEST_AMOUNT = `1e${MAX_STORED_AMOUNT_DIGITS}`;
// InvoiceLine.quantity is numeric(65, 30): 35 digits before the point.
const LARGEST_QUANTITY = "1e35";

/**
 * Refuses lines whose figures the invoice columns cannot hold, naming the line, so the contract is
 * reported as unbillable instead of failing its billing run's transaction (and every contract
 * billed with it). The limits on input keep real plans far from this.
 */
export function assertStorableLines(lines: readonly InvoiceLine[]): void {
  for (const line of lines) {
    const figures = [
      ["amount", line.amount, LARGEST_AMOUNT],
      ["unit price", line.unitPrice, LARGEST_AMOUNT],
      ["quantity", line.quantity, LARGEST_QUANTITY],
    ] as const;
    for (const [what, value, limit] of figures) {
      if (value && value.abs().greaterThanOrEqualTo(limit)) {
        throw new UnbillableContract(`the ${what} of line "${line.description}" (${value.toExponential(6)}) is too large to invoice (limit ${limit})`);
      }
    }
  }
}

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
