import type Decimal from "decimal.js";
import { ZERO, maxDecimal, minDecimal, sumDecimals, toDecimal, type DecimalInput } from "./decimal";
import { formatAmount, isRoundedTo, roundMoney } from "./money";

/** What a finalized invoice holds and what earlier credit notes already took from it. */
export interface CreditableInvoice {
  currency: string;
  taxRate: DecimalInput;
  subtotal: DecimalInput;
  tax: DecimalInput;
  total: DecimalInput;
  creditsApplied: DecimalInput;
  amountPaid: DecimalInput;
  /** Σ appliedToInvoice of earlier credit notes. */
  amountCredited: DecimalInput;
  /** The invoice's line amounts, in order. */
  lines: readonly DecimalInput[];
  /** Earlier credit notes' subtotals, taxes, and per invoice line what they credited. */
  credited: { subtotal: DecimalInput; tax: DecimalInput; perLine: ReadonlyMap<number, DecimalInput> };
}

export interface CreditNoteLineRequest {
  amount: DecimalInput;
  /** Index into the invoice's lines, or undefined for a credit not tied to one line. */
  invoiceLine?: number;
}

export interface CreditNoteProblem {
  /** The request field at fault, e.g. "lines.1.amount". */
  path: string;
  message: string;
}

export interface CreditNoteAmounts {
  /** One amount per requested line; the whole remaining subtotal when no line was requested. */
  lines: Decimal[];
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
  /** The part of the total that lowers what is still due on the invoice. */
  appliedToInvoice: Decimal;
  /** The rest, which was already settled (credits or payments) and goes back to the customer. */
  creditedToBalance: Decimal;
}

/**
 * The amounts of a credit note on a finalized invoice (BILLING.md: corrections are credit notes).
 * Line amounts are before tax; tax is the invoice's rate on their sum, rounded half-up, so a
 * credit note reverses the invoice's own arithmetic. Together the invoice's credit notes never
 * exceed its total, and those tied to a line never exceed that line. With no lines requested the
 * note credits everything left, tax included to the minor unit. The total first lowers the amount
 * still due; what exceeds it was already settled and is returned to the customer.
 */
export function computeCreditNote(invoice: CreditableInvoice, request: readonly CreditNoteLineRequest[]): { ok: true; amounts: CreditNoteAmounts } | { ok: false; problems: CreditNoteProblem[] } {
  const { currency } = invoice;
  const money = (value: DecimalInput) => toDecimal(value);
  const subtotalLeft = money(invoice.subtotal).minus(money(invoice.credited.subtotal));
  const taxLeft = money(invoice.tax).minus(money(invoice.credited.tax));
  const totalLeft = subtotalLeft.plus(taxLeft);
  const amountDue = maxDecimal(
    money(invoice.total).minus(money(invoice.creditsApplied)).minus(money(invoice.amountPaid)).minus(money(invoice.amountCredited)),
    ZERO,
  );

  if (!totalLeft.greaterThan(0)) {
    return { ok: false, problems: [{ path: "lines", message: `nothing is left to credit on this invoice (total ${formatAmount(invoice.total, currency)}, already credited ${formatAmount(money(invoice.credited.subtotal).plus(money(invoice.credited.tax)), currency)})` }] };
  }

  let lines: Decimal[];
  let subtotal: Decimal;
  let tax: Decimal;
  if (request.length === 0) {
    lines = [subtotalLeft];
    subtotal = subtotalLeft;
    tax = taxLeft;
  } else {
    const problems: CreditNoteProblem[] = [];
    const perLine = new Map<number, Decimal>();
    request.forEach((line, i) => {
      const amount = money(line.amount);
      if (!amount.greaterThan(0)) problems.push({ path: `lines.${i}.amount`, message: "must be greater than 0" });
      else if (!isRoundedTo(amount, currency)) problems.push({ path: `lines.${i}.amount`, message: `must not have more decimals than ${currency} has` });
      if (line.invoiceLine === undefined) return;
      const target = invoice.lines[line.invoiceLine];
      if (target === undefined) {
        problems.push({ path: `lines.${i}.invoiceLine`, message: `must be the index of one of the invoice's ${invoice.lines.length} lines (0 to ${invoice.lines.length - 1})` });
        return;
      }
      const takenBefore = perLine.get(line.invoiceLine) ?? toDecimal(invoice.credited.perLine.get(line.invoiceLine) ?? "0");
      perLine.set(line.invoiceLine, takenBefore.plus(amount));
      const lineLeft = maxDecimal(money(target).minus(takenBefore), ZERO);
      if (amount.greaterThan(lineLeft)) {
        problems.push({ path: `lines.${i}.amount`, message: `must not exceed what is left to credit on invoice line ${line.invoiceLine} (${formatAmount(lineLeft, currency)})` });
      }
    });
    if (problems.length > 0) return { ok: false, problems };
    lines = request.map((l) => money(l.amount));
    subtotal = sumDecimals(lines);
    // Rounding each note's tax on its own may drift a minor unit past the invoice's tax: cap it.
    tax = minDecimal(roundMoney(toDecimal(invoice.taxRate).times(subtotal), currency), maxDecimal(taxLeft, ZERO));
    if (subtotal.plus(tax).greaterThan(totalLeft)) {
      return { ok: false, problems: [{ path: "lines", message: `credit notes must not exceed the invoice's total: ${formatAmount(totalLeft, currency)} is left to credit, this one is ${formatAmount(subtotal.plus(tax), currency)}` }] };
    }
  }
  const total = subtotal.plus(tax);
  const appliedToInvoice = minDecimal(total, amountDue);
  return { ok: true, amounts: { lines, subtotal, tax, total, appliedToInvoice, creditedToBalance: total.minus(appliedToInvoice) } };
}
