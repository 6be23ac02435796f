import { z } from "zod";
import { ZInstant } from "../../customers/contract-schemas";
import { accountBalancesByMonth } from "../../ledger/balances-by-month";
import { journalPage, listJournalEntries, trialBalance, type JournalEntryView } from "../../ledger/ledger-reads";
import { JOURNAL_RANGE_ISSUE, journalRangeIsOrdered, ZJournalFilterShape, ZMonth } from "../../ledger/ledger-schemas";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, ZTimestamp } from "../dto";
import { operatorProcedure, organizationReadProcedure, router } from "../init";

const ZLine = z.object({
  account: z.string().describe("A stable code: accounts_receivable, gateway_clearing_stripe, cash, revenue_usage, tax_payable, …"),
  currency: z.string(),
  debit: z.string().describe("Decimal string; one of debit and credit is zero"),
  credit: z.string(),
  customer: z.string().nullable().describe("The customer's externalId"),
  invoiceId: z.string().nullable(),
  paymentId: z.string().nullable(),
});
const ZEntry = z.object({ id: z.string(), occurredAt: ZTimestamp, postedAt: ZTimestamp.describe("The accounting instant: occurredAt, or the start of the first open month when its month was closed"), kind: z.string(), memo: z.string().nullable(), lines: z.array(ZLine) });
const ZJournalQuery = ZListQuery.extend(ZJournalFilterShape).refine(journalRangeIsOrdered, JOURNAL_RANGE_ISSUE);
const tags = ["Ledger"];

const toEntryDto = (e: JournalEntryView) => ({ ...e, occurredAt: iso(e.occurredAt), postedAt: iso(e.postedAt) });

export const ledgerRouter = router({
  entries: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/ledger/entries", tags, summary: "Journal entries posted in [from, to), optionally touching one account", protect: true } })
    .input(ZJournalQuery)
    .output(ZPage(ZEntry))
    .query(async ({ ctx, input }) => {
      const page = await listJournalEntries(ctx.service, input);
      return { data: page.data.map(toEntryDto), nextCursor: page.nextCursor };
    }),

  /** The dashboard's Journal page: newest first, with the numbers of the invoices it links to. */
  journal: operatorProcedure
    .input(ZJournalQuery)
    .output(ZPage(ZEntry).extend({ invoiceNumbers: z.record(z.string(), z.string().nullable()) }))
    .query(async ({ ctx, input }) => {
      const page = await journalPage(ctx.service, input);
      return { data: page.data.map(toEntryDto), nextCursor: page.nextCursor, invoiceNumbers: page.invoiceNumbers };
    }),

  trialBalance: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/reports/trial-balance", tags, summary: "Debits, credits and balance per account and currency of everything posted at or before `at` (default now)", protect: true } })
    .input(z.object({ at: ZInstant.optional() }))
    .output(z.object({ at: ZTimestamp, accounts: z.array(z.object({ account: z.string(), currency: z.string(), debit: z.string(), credit: z.string(), balance: z.string() })) }))
    .query(async ({ ctx, input }) => {
      const report = await trialBalance(ctx.service, input.at ?? new Date());
      return { at: iso(report.at), accounts: report.accounts };
    }),

  accountBalances: organizationReadProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/reports/account-balances",
        tags,
        summary: "Each account's balance (debits − credits) at the end of every UTC month from `from` to `to` (YYYY-MM, inclusive, at most 36 months; default the last 12)",
        protect: true,
      },
    })
    .input(z.object({ from: ZMonth.optional(), to: ZMonth.optional() }))
    .output(
      z.object({
        from: z.string(),
        to: z.string(),
        months: z.array(z.string()).describe("Every month of the range, oldest first"),
        accounts: z.array(
          z.object({
            account: z.string(),
            currency: z.string(),
            balances: z.array(z.object({ month: z.string(), balance: z.string().describe("Decimal string at the month's end; positive for assets and expenses, negative for liabilities and revenue") })),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => accountBalancesByMonth(ctx.service, input)),
});
