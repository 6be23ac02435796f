import { z } from "zod";
import { ZInstant } from "../../customers/contract-schemas";
import { ACCOUNTS, ENTRY_KINDS } from "../../ledger/accounts";
import { listJournalEntries, trialBalance } from "../../ledger/ledger-reads";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, ZTimestamp } from "../dto";
import { organizationReadProcedure, router } from "../init";

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
const ZAccount = z.enum(ACCOUNTS, { error: `must be one of ${ACCOUNTS.join(", ")}` });
const tags = ["Ledger"];

export const ledgerRouter = router({
  entries: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/ledger/entries", tags, summary: "Journal entries posted in [from, to), optionally touching one account", protect: true } })
    .input(
      ZListQuery.extend({
        from: ZInstant.optional(),
        to: ZInstant.optional(),
        account: ZAccount.optional(),
        kind: z.enum(ENTRY_KINDS, { error: `must be one of ${ENTRY_KINDS.join(", ")}` }).optional(),
        invoiceId: z.string().min(1).max(64).optional(),
        customer: z.string().min(1).max(64).optional(),
      }).refine((q) => !q.from || !q.to || q.from.getTime() < q.to.getTime(), { path: ["to"], message: "must be after from" }),
    )
    .output(ZPage(ZEntry))
    .query(async ({ ctx, input }) => {
      const page = await listJournalEntries(ctx.service, input);
      return { data: page.data.map((e) => ({ ...e, occurredAt: iso(e.occurredAt), postedAt: iso(e.postedAt) })), nextCursor: page.nextCursor };
    }),

  trialBalance: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/reports/trial-balance", tags, summary: "Debits, credits and balance per account and currency of everything posted at or before `at` (default now)", protect: true } })
    .input(z.object({ at: ZInstant.optional() }))
    .output(z.object({ at: ZTimestamp, accounts: z.array(z.object({ account: z.string(), currency: z.string(), debit: z.string(), credit: z.string(), balance: z.string() })) }))
    .query(async ({ ctx, input }) => {
      const report = await trialBalance(ctx.service, input.at ?? new Date());
      return { at: iso(report.at), accounts: report.accounts };
    }),
});
