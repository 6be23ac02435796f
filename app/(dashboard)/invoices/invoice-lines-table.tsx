import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyRow, Table, TBody, TD, TFoot, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { displayMoney, displayPeriod, displayPrice, displayQuantity, LINE_KIND_LABELS } from "./invoice-format";

export interface InvoiceLine {
  kind: string;
  description: string;
  metric: string | null;
  group: Record<string, string> | null;
  quantity: string;
  unitPrice: string | null;
  amount: string;
  periodStart: string;
  periodEnd: string;
}

export interface InvoiceAmounts {
  /** A void invoice keeps its amounts, but nothing on it is due. */
  status?: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  lines: InvoiceLine[];
  subtotal: string;
  tax: string;
  total: string;
  creditsApplied: string;
  amountPaid: string;
  /** What credit notes took off the amount due (absent on previews). */
  amountCredited?: string;
  amountDue: string;
}

const KIND_TONES: Record<string, Tone> = { flat: "blue", usage: "violet", commitment: "amber", credit: "green", adjustment: "neutral" };

const isZero = (amount: string) => !/[1-9]/.test(amount);
const negate = (amount: string) => (amount.startsWith("-") ? amount.slice(1) : `-${amount}`);

/** An invoice's lines grouped by the period each bills (arrears of the closed period, advance of the next), then its totals. */
export function InvoiceLinesTable({ invoice, timezone = "UTC" }: { invoice: InvoiceAmounts; timezone?: string }) {
  const money = (amount: string) => displayMoney(amount, invoice.currency);
  const groups: { key: string; start: string; end: string; lines: InvoiceLine[] }[] = [];
  for (const line of invoice.lines) {
    const key = `${line.periodStart}|${line.periodEnd}`;
    const group = groups.find((g) => g.key === key);
    if (group) group.lines.push(line);
    else groups.push({ key, start: line.periodStart, end: line.periodEnd, lines: [line] });
  }
  const voided = invoice.status === "void";
  const totals: { label: string; amount: string; strong?: boolean; hideWhenZero?: boolean; struck?: boolean }[] = [
    { label: "Subtotal", amount: invoice.subtotal },
    { label: "Tax", amount: invoice.tax },
    { label: "Total", amount: invoice.total, strong: true },
    { label: "Credits applied", amount: isZero(invoice.creditsApplied) ? invoice.creditsApplied : negate(invoice.creditsApplied) },
    { label: "Paid", amount: isZero(invoice.amountPaid) ? invoice.amountPaid : negate(invoice.amountPaid), hideWhenZero: true },
    { label: "Credit notes", amount: invoice.amountCredited && !isZero(invoice.amountCredited) ? negate(invoice.amountCredited) : "0", hideWhenZero: true },
    { label: voided ? "Amount due (void: nothing is due)" : "Amount due", amount: invoice.amountDue, strong: true, struck: voided },
  ];

  return (
    // On phones the quantity and unit price move under the description, so the amounts stay in view.
    <Table aria-label="Invoice lines" collapse>
      <THead>
        <TR>
          <TH>Description</TH>
          <TH numeric className="max-sm:hidden">
            Quantity
          </TH>
          <TH numeric className="max-sm:hidden">
            Unit price
          </TH>
          <TH numeric>Amount</TH>
        </TR>
      </THead>
      {groups.length === 0 ? (
        <TBody>
          <EmptyRow colSpan={4} description="Nothing was billed for this period.">
            No lines
          </EmptyRow>
        </TBody>
      ) : (
        groups.map((group) => (
          <TBody key={group.key}>
            <tr className="bg-zinc-50/80">
              <th colSpan={4} scope="colgroup" className="px-5 py-1.5 text-left text-xs font-medium text-zinc-600">
                {displayPeriod(group.start, group.end, timezone)}
                {Date.parse(group.start) >= Date.parse(invoice.periodEnd) && <span className="font-normal text-zinc-500"> · next period, in advance</span>}
              </th>
            </tr>
            {group.lines.map((line, i) => (
              <TR key={i}>
                <TD>
                  <p className="font-medium text-zinc-900">{line.description}</p>
                  <p className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
                    <Badge tone={KIND_TONES[line.kind] ?? "neutral"}>{LINE_KIND_LABELS[line.kind] ?? line.kind}</Badge>
                    {line.metric && <span className="font-mono">{line.metric}</span>}
                    {line.group &&
                      Object.entries(line.group).map(([k, v]) => (
                        <span key={k} className="font-mono">
                          {k}={v}
                        </span>
                      ))}
                  </p>
                  <p className="tabular mt-0.5 font-mono text-xs text-zinc-500 sm:hidden">
                    {displayQuantity(line.quantity)}
                    {line.unitPrice !== null && ` × ${displayPrice(line.unitPrice, invoice.currency)}`}
                  </p>
                </TD>
                <TD numeric className="max-sm:hidden">
                  {displayQuantity(line.quantity)}
                </TD>
                <TD numeric className="max-sm:hidden">
                  {line.unitPrice === null ? "—" : displayPrice(line.unitPrice, invoice.currency)}
                </TD>
                <TD numeric className={cn(line.amount.startsWith("-") && "text-emerald-700!")}>{money(line.amount)}</TD>
              </TR>
            ))}
          </TBody>
        ))
      )}
      <TFoot>
        {totals
          .filter((t) => !(t.hideWhenZero && isZero(t.amount)))
          .map((t) => (
            <TR key={t.label}>
              <TD colSpan={3} className={cn("py-2 max-sm:hidden", t.strong ? "text-zinc-900" : "font-normal text-zinc-600")}>
                {t.label}
              </TD>
              <TD className={cn("py-2 sm:hidden", t.strong ? "text-zinc-900" : "font-normal text-zinc-600")}>
                {t.label}
              </TD>
              <TD numeric className={cn("py-2", t.strong ? "font-semibold" : "font-normal", t.struck && "line-through")}>
                {money(t.amount)}
              </TD>
            </TR>
          ))}
      </TFoot>
    </Table>
  );
}
