import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ServiceContext } from "../context";
import { findInvoiceLabels, type InvoiceKind } from "./invoice-labels";
import { getInvoiceOrThrow, type InvoiceView } from "./invoices";
import { DocumentHeader, Parties, day, loadPdfParty, money, quantity, span, styles, unitPrice, type PdfParty } from "./pdf-kit";

const STATUS_LABELS: Record<InvoiceView["status"], string> = { draft: "Draft", open: "Open", paid: "Paid", void: "Void", uncollectible: "Uncollectible" };

function InvoiceDocument({ invoice, kind, party }: { invoice: InvoiceView; kind: InvoiceKind | null; party: PdfParty }) {
  const zone = party.customer.timezone;
  const periods = new Map<string, InvoiceView["lines"]>();
  for (const l of invoice.lines) {
    const key = `${l.periodStart.toISOString()}|${l.periodEnd.toISOString()}`;
    periods.set(key, [...(periods.get(key) ?? []), l]);
  }
  return (
    <Document title={`Invoice ${invoice.number ?? "draft"}`} author={party.organizationName}>
      <Page size="A4" style={styles.page}>
        <DocumentHeader
          organizationName={party.organizationName}
          title={invoice.status === "draft" ? "Draft invoice" : "Invoice"}
          facts={[
            ["Number", invoice.number ?? "—"],
            ["Issued", invoice.issuedAt ? day(invoice.issuedAt, zone) : "—"],
            ["Due", invoice.dueAt ? day(invoice.dueAt, zone) : "—"],
            ["Status", STATUS_LABELS[invoice.status]],
            ...(kind ? [["Kind", kind === "opening" ? "Opening" : "Closing"] as [string, string]] : []),
          ]}
        />
        <Parties customerLabel="Bill to" customer={party.customer} aside={{ label: "Service period", children: <Text>{span(invoice.periodStart, invoice.periodEnd, zone)}</Text> }} />
        <View style={styles.head}>
          <Text style={[styles.description, { fontFamily: "Helvetica-Bold" }]}>Description</Text>
          <Text style={[styles.qty, { fontFamily: "Helvetica-Bold" }]}>Quantity</Text>
          <Text style={[styles.unit, { fontFamily: "Helvetica-Bold" }]}>Unit price</Text>
          <Text style={[styles.amount, { fontFamily: "Helvetica-Bold" }]}>Amount</Text>
        </View>
        {[...periods.entries()].map(([key, lines]) => (
          <View key={key} wrap={false}>
            <Text style={styles.period}>{span(lines[0]!.periodStart, lines[0]!.periodEnd, zone)}</Text>
            {lines.map((l, i) => (
              <View key={i} style={styles.row}>
                <Text style={styles.description}>{l.description}</Text>
                <Text style={styles.qty}>{quantity(l.quantity)}</Text>
                <Text style={styles.unit}>{l.unitPrice ? unitPrice(l.unitPrice, invoice.currency) : ""}</Text>
                <Text style={styles.amount}>{money(l.amount, invoice.currency)}</Text>
              </View>
            ))}
          </View>
        ))}
        <View style={styles.totals}>
          <View style={styles.totalRow}>
            <Text>Subtotal</Text>
            <Text>{money(invoice.subtotal, invoice.currency)}</Text>
          </View>
          <View style={styles.totalRow}>
            <Text>Tax</Text>
            <Text>{money(invoice.tax, invoice.currency)}</Text>
          </View>
          <View style={styles.totalRow}>
            <Text>Total</Text>
            <Text>{money(invoice.total, invoice.currency)}</Text>
          </View>
          <View style={styles.totalRow}>
            <Text>Credits applied</Text>
            <Text>−{money(invoice.creditsApplied, invoice.currency)}</Text>
          </View>
          <View style={styles.totalRow}>
            <Text>Paid</Text>
            <Text>−{money(invoice.amountPaid, invoice.currency)}</Text>
          </View>
          {/[1-9]/.test(invoice.amountCredited) ? (
            <View style={styles.totalRow}>
              <Text>Credit notes</Text>
              <Text>−{money(invoice.amountCredited, invoice.currency)}</Text>
            </View>
          ) : null}
          <View style={styles.due}>
            <Text>Amount due</Text>
            <Text>{money(invoice.amountDue, invoice.currency)}</Text>
          </View>
        </View>
        <Text style={styles.footer} fixed>
          {party.organizationName} · Invoice {invoice.number ?? "draft"} · Amounts in {invoice.currency}
        </Text>
      </Page>
    </Document>
  );
}

/** The invoice as a PDF (A4), for download and e-mail links. */
export async function renderInvoicePdf(ctx: ServiceContext, invoiceId: string): Promise<{ filename: string; pdf: Buffer }> {
  const invoice = await getInvoiceOrThrow(ctx, invoiceId);
  const [label] = await findInvoiceLabels(ctx, [invoice.id]);
  const pdf = await renderToBuffer(<InvoiceDocument invoice={invoice} kind={label?.kind ?? null} party={await loadPdfParty(ctx, invoice.customer)} />);
  return { filename: `invoice-${invoice.number ?? invoice.id}.pdf`, pdf };
}
