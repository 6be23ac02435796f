import { displayDate, displayDateTime, displayMoney } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export interface InvoicePaymentItem {
  id: string;
  amount: string;
  status: string;
  failureMessage: string | null;
  refunded: string;
  /** "Visa ···· 4242", or null when no card was involved. */
  card: string | null;
  createdAt: Date;
}

/** The payments made, or tried, on one invoice; a failed one says why in the bank's words. */
export function InvoicePayments({ payments, currency, timezone }: { payments: InvoicePaymentItem[]; currency: string; timezone: string }) {
  return (
    <Card>
      <CardHeader title="Payments" />
      <Table collapse aria-label="Payments">
        <THead>
          <TR>
            <TH>Date</TH>
            <TH className="max-sm:hidden">Card</TH>
            <TH>Status</TH>
            <TH numeric>Amount</TH>
          </TR>
        </THead>
        <TBody>
          {payments.length === 0 && <EmptyRow colSpan={4}>No payments yet</EmptyRow>}
          {payments.map((p) => (
            <TR key={p.id}>
              <TD>
                <span className="whitespace-nowrap max-sm:hidden">{displayDateTime(p.createdAt, timezone)}</span>
                <span className="whitespace-nowrap sm:hidden">{displayDate(p.createdAt, timezone)}</span>
                {p.card && <p className="mt-0.5 text-xs text-zinc-500 sm:hidden">{p.card}</p>}
                {p.status === "failed" && p.failureMessage && <p className="mt-0.5 text-xs text-red-700">{p.failureMessage}</p>}
              </TD>
              <TD className="max-sm:hidden">{p.card ?? "—"}</TD>
              <TD>
                <StatusBadge status={p.status} />
              </TD>
              <TD numeric>
                {displayMoney(p.amount, currency)}
                {/[1-9]/.test(p.refunded) && <p className="mt-0.5 text-xs text-zinc-500">{displayMoney(p.refunded, currency)} refunded</p>}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
