import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ServiceContext } from "../context";
import { getCreditNoteOrThrow, type CreditNoteView } from "./credit-notes";
import { DocumentHeader, Parties, day, loadPdfParty, money, muted, styles, type PdfParty } from "./pdf-kit";

const REASONS: Record<CreditNoteView["reason"], string> = {
  duplicate: "Duplicate charge",
  fraudulent: "Fraudulent charge",
  order_change: "Order change",
  product_unsatisfactory: "Product unsatisfactory",
  billing_error: "Billing error",
  refund: "Refund",
  other: "Other",
};

function CreditNoteDocument({ note, party }: { note: CreditNoteView; party: PdfParty }) {
  const zone = party.customer.timezone;
  const bold = { fontFamily: "Helvetica-Bold" };
  return (
    <Document title={`Credit note ${note.number}`} author={party.organizationName}>
      <Page size="A4" style={styles.page}>
        <DocumentHeader
          organizationName={party.organizationName}
          title="Credit note"
          facts={[
            ["Number", note.number],
            ["Issued", day(note.issuedAt, zone)],
            ["Invoice", note.invoiceNumber],
          ]}
        />
        <Parties
          customerLabel="Credit to"
          customer={party.customer}
          aside={{
            label: "Reason",
            children: (
              <>
                <Text>{REASONS[note.reason]}</Text>
                {note.memo ? <Text style={{ color: muted, marginTop: 4, maxWidth: 220 }}>{note.memo}</Text> : null}
              </>
            ),
          }}
        />
        <View style={styles.head}>
          <Text style={[styles.description, bold]}>Description</Text>
          <Text style={[styles.amount, bold]}>Amount</Text>
        </View>
        {note.lines.map((l, i) => (
          <View key={i} style={styles.row}>
            <Text style={styles.description}>{l.description}</Text>
            <Text style={styles.amount}>{money(l.amount, note.currency)}</Text>
          </View>
        ))}
        <View style={styles.totals}>
          <View style={styles.totalRow}>
            <Text>Subtotal</Text>
            <Text>{money(note.subtotal, note.currency)}</Text>
          </View>
          <View style={styles.totalRow}>
            <Text>Tax</Text>
            <Text>{money(note.tax, note.currency)}</Text>
          </View>
          <View style={styles.due}>
            <Text>Total credited</Text>
            <Text>{money(note.total, note.currency)}</Text>
          </View>
          <View style={styles.totalRow}>
            <Text>Off the amount due on {note.invoiceNumber}</Text>
            <Text>{money(note.appliedToInvoice, note.currency)}</Text>
          </View>
          <View style={styles.totalRow}>
            <Text>Added to your credit balance</Text>
            <Text>{money(note.creditedToBalance, note.currency)}</Text>
          </View>
          {/[1-9]/.test(note.refunded) ? (
            <View style={styles.totalRow}>
              <Text>Refunded</Text>
              <Text>{money(note.refunded, note.currency)}</Text>
            </View>
          ) : null}
        </View>
        <Text style={styles.footer} fixed>
          {party.organizationName} · Credit note {note.number} for invoice {note.invoiceNumber} · Amounts in {note.currency}
        </Text>
      </Page>
    </Document>
  );
}

/** The credit note as a PDF (A4). */
export async function renderCreditNotePdf(ctx: ServiceContext, creditNoteId: string): Promise<{ filename: string; pdf: Buffer }> {
  const note = await getCreditNoteOrThrow(ctx, creditNoteId);
  const pdf = await renderToBuffer(<CreditNoteDocument note={note} party={await loadPdfParty(ctx, note.customer)} />);
  return { filename: `credit-note-${note.number}.pdf`, pdf };
}
