import { z } from "zod";
import { ZInstant } from "../customers/contract-schemas";
import { ACCOUNTS, ENTRY_KINDS } from "./accounts";

export const ZAccount = z.enum(ACCOUNTS, { error: `must be one of ${ACCOUNTS.join(", ")}` });
export const ZEntryKind = z.enum(ENTRY_KINDS, { error: `must be one of ${ENTRY_KINDS.join(", ")}` });

/**
 * What narrows the journal, the same for the JSON list, the dashboard and the CSV export, so a
 * download holds exactly the entries the page shows.
 */
export const ZJournalFilterShape = {
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  account: ZAccount.optional(),
  kind: ZEntryKind.optional(),
  invoiceId: z.string().min(1).max(64).optional(),
  customer: z.string().min(1).max(64).optional(),
};

export const journalRangeIsOrdered = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from.getTime() < q.to.getTime();
export const JOURNAL_RANGE_ISSUE = { path: ["to"], message: "must be after from" };

export const ZJournalFilter = z.object(ZJournalFilterShape).refine(journalRangeIsOrdered, JOURNAL_RANGE_ISSUE);
export type TJournalFilter = z.infer<typeof ZJournalFilter>;

/** A calendar month, "2026-01"; years from 1000 so Date.UTC never reads them as 19xx. */
export const ZMonth = z.string().regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, "must be a month such as 2026-01");
