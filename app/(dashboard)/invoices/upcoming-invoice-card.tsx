import { CalendarClock } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { serverCaller } from "@/server/trpc/server-caller";
import { displayDateTime, displayMoney, displayPeriod } from "./invoice-format";
import { InvoiceLinesTable } from "./invoice-lines-table";

/**
 * The invoice the customer's current period would produce if it closed now (usage so far, the
 * period's arrears items and the next period's advance items, credits that would apply). Nothing
 * is stored. A customer without a running contract gets an empty state.
 */
export async function UpcomingInvoiceCard({ externalId }: { externalId: string }) {
  const trpc = await serverCaller();
  const asOf = new Date().toISOString();
  const orNull = (error: { code?: string }) => {
    if (error.code === "NOT_FOUND") return null;
    throw error;
  };
  const [upcoming, customer] = await Promise.all([trpc.invoices.upcoming({ externalId }).catch(orNull), trpc.customers.get({ externalId }).catch(orNull)]);
  // Periods are cut in the customer's zone; show their days there.
  const zone = customer?.timezone ?? "UTC";

  if (!upcoming) {
    return (
      <Card>
        <CardHeader title="Upcoming invoice" />
        <EmptyState icon={<CalendarClock />} title="No upcoming invoice" description="The customer has no contract running now. The preview appears once a contract has started." />
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader
        title="Upcoming invoice"
        description={`${displayPeriod(upcoming.periodStart, upcoming.periodEnd, zone)} · as of now (${displayDateTime(asOf)}); it changes as usage arrives.`}
        actions={
          <p className="text-right">
            <span className="block text-xs text-zinc-500">Amount due</span>
            <span className="tabular text-lg leading-6 font-semibold text-zinc-950">{displayMoney(upcoming.amountDue, upcoming.currency)}</span>
          </p>
        }
      />
      <InvoiceLinesTable invoice={upcoming} timezone={zone} />
    </Card>
  );
}
