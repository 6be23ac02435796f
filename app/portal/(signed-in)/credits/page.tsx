import type { Metadata } from "next";
import { AutoRechargeForm } from "@/components/portal/auto-recharge-form";
import { BalanceSummary } from "@/components/portal/balance-summary";
import { BuyCreditsForm } from "@/components/portal/buy-credits-form";
import { CreditGrants, CreditHistory } from "@/components/portal/credit-history";
import { PageHeader } from "@/components/ui/page-header";
import { displayBrand } from "@/app/(dashboard)/payments/payment-format";
import { getPortalCredits } from "@/server/portal/credits";
import { requirePortal } from "@/server/portal/page-session";
import { buyCredits, saveAutoRecharge, turnOffAutoRecharge } from "./actions";

export const metadata: Metadata = { title: "Credits" };

const PREVIEW = "Changes are off in this read-only preview.";

export default async function PortalCreditsPage() {
  const { ctx, customer } = await requirePortal();
  const credits = await getPortalCredits(ctx);
  const { balance, autoRecharge } = credits;
  const readOnly = ctx.readOnly ? PREVIEW : null;
  return (
    <>
      <PageHeader title="Credits" description="Your prepaid balance: buy credits, recharge automatically, and see every credit added and spent." />
      <div className="space-y-6">
        <BalanceSummary currency={balance.currency} balance={balance.balance} granted={balance.granted} consumed={balance.consumed} blocked={balance.blocked} low={credits.low} />
        <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
          <BuyCreditsForm action={buyCredits} currency={balance.currency} minimum={credits.topUp.minimum} maximum={credits.topUp.maximum} disabledReason={readOnly} />
          {autoRecharge.allowed ? (
            <AutoRechargeForm
              currency={balance.currency}
              setting={autoRecharge.setting}
              cards={credits.cards.map((c) => ({ id: c.id, label: `${displayBrand(c.brand)} ···· ${c.last4}`, isDefault: c.isDefault }))}
              cooldownMinutes={autoRecharge.cooldownMinutes}
              save={saveAutoRecharge}
              turnOff={turnOffAutoRecharge}
              disabledReason={readOnly}
            />
          ) : null}
        </div>
        <CreditGrants grants={credits.activeGrants} currency={balance.currency} timezone={customer.timezone} />
        <CreditHistory entries={credits.history.entries} total={credits.history.total} currency={balance.currency} timezone={customer.timezone} />
      </div>
    </>
  );
}
