import { displayDate, displayDateTime, displayMoney, displaySignedMoney } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyRow, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export interface CreditGrantItem {
  id: string;
  amount: string;
  remaining: string;
  reason: string | null;
  paid: boolean;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface CreditMovementItem {
  id: string;
  type: string;
  amount: string;
  balanceAfter: string;
  description: string | null;
  createdAt: Date;
}

const TONES: Record<string, Tone> = { grant: "green", refund: "green", expiry: "amber" };

const MOVEMENTS: Record<string, string> = {
  grant: "Credits added",
  consumption: "Usage",
  expiry: "Expired",
  invoice_application: "Applied to an invoice",
  refund: "Refund",
};

/** Credits with something left, soonest to expire first. */
export function CreditGrants({ grants, currency, timezone }: { grants: CreditGrantItem[]; currency: string; timezone: string }) {
  return (
    <Card>
      <CardHeader title="Your credits" description="Each purchase or grant, and what is left of it. The ones expiring first are used first." />
      <Table collapse aria-label="Your credits">
        <THead>
          <TR>
            <TH>Added</TH>
            <TH className="max-sm:hidden">Expires</TH>
            <TH numeric className="max-sm:hidden">
              Amount
            </TH>
            <TH numeric>Left</TH>
          </TR>
        </THead>
        <TBody>
          {grants.length === 0 && <EmptyRow colSpan={4}>No credits to spend</EmptyRow>}
          {grants.map((g) => (
            <TR key={g.id}>
              <TD>
                <span className="whitespace-nowrap">{displayDate(g.createdAt, timezone)}</span>
                <p className="mt-0.5 text-xs text-zinc-500">{g.reason ?? (g.paid ? "Purchase" : "Granted")}</p>
                <p className="mt-0.5 text-xs text-zinc-500 sm:hidden">{g.expiresAt ? `Expires ${displayDate(g.expiresAt, timezone)}` : "Never expires"}</p>
              </TD>
              <TD className="whitespace-nowrap max-sm:hidden">{g.expiresAt ? displayDate(g.expiresAt, timezone) : "Never"}</TD>
              <TD numeric className="max-sm:hidden">
                {displayMoney(g.amount, currency)}
              </TD>
              <TD numeric>{displayMoney(g.remaining, currency)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

/** Every movement of the balance, newest first, with the balance after it. */
export function CreditHistory({ entries, total, currency, timezone }: { entries: CreditMovementItem[]; total: number; currency: string; timezone: string }) {
  return (
    <Card>
      <CardHeader title="History" description={total > entries.length ? `The latest ${entries.length} of ${total} movements.` : "Every credit added and spent."} />
      <Table collapse aria-label="Credit history">
        <THead>
          <TR>
            <TH>Date</TH>
            <TH>What</TH>
            <TH numeric>Amount</TH>
            <TH numeric className="max-sm:hidden">
              Balance
            </TH>
          </TR>
        </THead>
        <TBody>
          {entries.length === 0 && <EmptyRow colSpan={4}>Nothing yet</EmptyRow>}
          {entries.map((e) => (
            <TR key={e.id}>
              <TD className="whitespace-nowrap">
                <span className="max-sm:hidden">{displayDateTime(e.createdAt, timezone)}</span>
                <span className="sm:hidden">{displayDate(e.createdAt, timezone)}</span>
              </TD>
              <TD>
                <Badge tone={TONES[e.type] ?? "neutral"}>{MOVEMENTS[e.type] ?? e.type}</Badge>
                {e.description && <p className="mt-0.5 text-xs text-zinc-500">{e.description}</p>}
              </TD>
              <TD numeric className={e.amount.startsWith("-") ? "" : "text-emerald-700"}>
                {displaySignedMoney(e.amount, currency)}
                <p className="text-xs text-zinc-500 sm:hidden">= {displayMoney(e.balanceAfter, currency)}</p>
              </TD>
              <TD numeric className="max-sm:hidden">
                {displayMoney(e.balanceAfter, currency)}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
