import { z } from "zod";
import { CREDIT_NOTE_REASONS, ZCreateCreditNote } from "../../invoicing/credit-note-schemas";
import { createCreditNote, getCreditNoteOrThrow, listCreditNotes, type CreditNoteView } from "../../invoicing/credit-notes";
import { ZListQuery, ZPage } from "../../pagination";
import { iso, ZTimestamp } from "../dto";
import { organizationProcedure, organizationReadProcedure, router } from "../init";

const ZCreditNote = z.object({
  id: z.string(),
  number: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  customer: z.string(),
  currency: z.string(),
  reason: z.enum(CREDIT_NOTE_REASONS),
  memo: z.string().nullable(),
  lines: z.array(z.object({ description: z.string(), amount: z.string(), invoiceLine: z.number().int().nullable() })),
  subtotal: z.string(),
  tax: z.string(),
  total: z.string(),
  appliedToInvoice: z.string(),
  creditedToBalance: z.string(),
  refunded: z.string(),
  issuedAt: ZTimestamp,
});

const toDto = (note: CreditNoteView): z.infer<typeof ZCreditNote> => ({ ...note, issuedAt: iso(note.issuedAt) });
const tags = ["Credit notes"];
const ZId = z.string().min(1).max(64);

export const creditNotesRouter = router({
  create: organizationProcedure
    .meta({ openapi: { method: "POST", path: "/invoices/{id}/credit-notes", tags, summary: "Correct a finalized invoice with a credit note", protect: true }, successStatus: 201 })
    .input(ZCreateCreditNote.extend({ id: ZId }))
    .output(ZCreditNote)
    .mutation(async ({ ctx, input: { id, ...note } }) => toDto(await createCreditNote(ctx.service, id, note))),

  listForInvoice: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/invoices/{id}/credit-notes", tags, summary: "The credit notes of an invoice", protect: true } })
    .input(ZListQuery.extend({ id: ZId }))
    .output(ZPage(ZCreditNote))
    .query(async ({ ctx, input: { id, ...query } }) => {
      const page = await listCreditNotes(ctx.service, { ...query, invoice: id });
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  list: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/credit-notes", tags, summary: "List credit notes, by customer and invoice", protect: true } })
    .input(ZListQuery.extend({ customer: z.string().max(64).optional(), invoice: ZId.optional() }))
    .output(ZPage(ZCreditNote))
    .query(async ({ ctx, input }) => {
      const page = await listCreditNotes(ctx.service, input);
      return { data: page.data.map(toDto), nextCursor: page.nextCursor };
    }),

  get: organizationReadProcedure
    .meta({ openapi: { method: "GET", path: "/credit-notes/{id}", tags, summary: "Get a credit note", protect: true } })
    .input(z.object({ id: ZId }))
    .output(ZCreditNote)
    .query(async ({ ctx, input }) => toDto(await getCreditNoteOrThrow(ctx.service, input.id))),
});
