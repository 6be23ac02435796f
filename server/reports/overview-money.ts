// The money half of the overview that spans its 12 months: billed, collected and outstanding per
// month, and the top customers. Ended months come from ended-months.ts (kept between loads when
// asked), the current month is always read.
import type { ServiceContext } from "../context";
import { endedMonths, readEndedMonths } from "./ended-months";
import { assembleMonthlyMoney, readMoneyMoves, type MonthlyMoneyRow } from "./monthly-money";
import { overviewMonths } from "./overview-window";
import { nameCustomers, rankCustomers, readCustomerBilled, type TopCustomer } from "./top-customers";

export const TOP_CUSTOMERS = 5;

export async function getOverviewMoney(ctx: ServiceContext, now: Date, options: { reuseEndedMonths: boolean }): Promise<{ monthly: MonthlyMoneyRow[]; top: TopCustomer[] }> {
  const { months, from, to } = overviewMonths(now);
  const currentStart = new Date(`${months.at(-1)!}-01T00:00:00Z`);
  const [ended, current, currentCustomers] = await Promise.all([
    options.reuseEndedMonths ? endedMonths(ctx, from, currentStart) : readEndedMonths(ctx, from, currentStart),
    readMoneyMoves(ctx, currentStart, to),
    readCustomerBilled(ctx, currentStart, to),
  ]);
  const monthly = assembleMonthlyMoney(months, ended.opening, [ended.moves, current]);
  const top = await nameCustomers(ctx, rankCustomers([ended.customers, currentCustomers], TOP_CUSTOMERS));
  return { monthly, top };
}
