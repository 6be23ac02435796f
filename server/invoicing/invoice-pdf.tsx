import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { DateTime } from "luxon";
import type { ServiceContext } from "../context";
import { getInvoiceOrThrow, type InvoiceView } from "./invoices";

const ink = "#18181b";
const muted = "#71717a";
const line = "#e4e4e7";
const accent = "#4f46e5";

const styles = StyleSheet.create({
  page: { padding: 48, fontSize: 9.5, fontFamily: "Helvetica", color: ink },
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 28 },
  brand: { fontSize: 16, fontFamily: "Helvetica-Bold" },
  title: { fontSize: 22, fontFamily: "Helvetica-Bold", color: accent, textAlign: "right" },
  meta: { flexDirection: "row", justifyContent: "flex-end", marginTop: 2 },
  metaLabel: { color: muted, width: 70, textAlign: "right", marginRight: 8 },
  parties: { flexDirection: "row", justifyContent: "space-between", marginBottom: 24 },
  label: { color: muted, fontSize: 8, textTransform: "uppercase", letterSpacing: 0.8, marginBottom: 4 },
  period: { fontFamily: "Helvetica-Bold", marginTop: 14, marginBottom: 4 },
  row: { flexDirection: "row", paddingVertical: 5, borderBottomWidth: 0.5, borderBottomColor: line },
  head: { flexDirection: "row", paddingVertical: 5, borderBottomWidth: 1, borderBottomColor: ink },
  description: { flex: 1 },
  qty: { width: 90, textAlign: "right" },
  unit: { width: 90, textAlign: "right" },
  amount: { width: 80, textAlign: "right" },
  totals: { marginTop: 18, marginLeft: "auto", width: 240 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 3 },
  due: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 6, marginTop: 4, borderTopWidth: 1, borderTopColor: ink, fontFamily: "Helvetica-Bold", fontSize: 11 },
  footer: { position: "absolute", bottom: 32, left: 48, right: 48, color: muted, fontSize: 8, textAlign: "center" },
});

/** Amounts arrive as exact decimal strings; Intl formats strings without going through floats. */
function money(amount: string, currency: string) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount as unknown as number);
}

function quantity(q: string) {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 12 }).format(q as unknown as number);
}

function day(d: Date, zone: string) {
  return DateTime.fromJSDate(d, { zone }).toFormat("LLL d, yyyy");
}

/** [start, end) shown as the days it covers: the end instant itself belongs to the next period. */
function span(start: Date, end: Date, zone: string) {
  return `${day(start, zone)} – ${day(new Date(end.getTime() - 1), zone)}`;
}

interface PdfParty {
  organizationName: string;
  customer: { name: string; email: string; address: Record<string, string> | null; timezone: string };
}

function InvoiceDocument({ invoice, party }: { invoice: InvoiceView; party: PdfParty }) {
  const zone = party.customer.timezone;
  const periods = new Map<string, InvoiceView["lines"]>();
  for (const l of invoice.lines) {
    const key = `${l.periodStart.toISOString()}|${l.periodEnd.toISOString()}`;
    periods.set(key, [...(periods.get(key) ?? []), l]);
  }
  const address = party.customer.address ?? {};
  const addressLines = [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(" "), address.state, address.country].filter(Boolean);
  return (
    <Document title={`Invoice ${invoice.number ?? "draft"}`} author={party.organizationName}>
      <Page size="A4" style={styles.page}>
        <View style={styles.header}>
          <View>
            <Text style={styles.brand}>{party.organizationName}</Text>
            <Text style={{ color: muted, marginTop: 4 }}>Billed with EasyBilling</Text>
          </View>
          <View>
            <Text style={styles.title}>{invoice.status === "draft" ? "Draft invoice" : "Invoice"}</Text>
            <View style={styles.meta}>
              <Text style={styles.metaLabel}>Number</Text>
              <Text>{invoice.number ?? "—"}</Text>
            </View>
            <View style={styles.meta}>
              <Text style={styles.metaLabel}>Issued</Text>
              <Text>{invoice.issuedAt ? day(invoice.issuedAt, zone) : "—"}</Text>
            </View>
            <View style={styles.meta}>
              <Text style={styles.metaLabel}>Due</Text>
              <Text>{invoice.dueAt ? day(invoice.dueAt, zone) : "—"}</Text>
            </View>
            <View style={styles.meta}>
              <Text style={styles.metaLabel}>Status</Text>
              <Text>{invoice.status}</Text>
            </View>
          </View>
        </View>
        <View style={styles.parties}>
          <View>
            <Text style={styles.label}>Bill to</Text>
            <Text style={{ fontFamily: "Helvetica-Bold" }}>{party.customer.name}</Text>
            <Text>{party.customer.email}</Text>
            {addressLines.map((a) => (
              <Text key={a}>{a}</Text>
            ))}
          </View>
          <View>
            <Text style={styles.label}>Service period</Text>
            <Text>{span(invoice.periodStart, invoice.periodEnd, zone)}</Text>
          </View>
        </View>
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
                <Text style={styles.unit}>{l.unitPrice ? `${quantity(l.unitPrice)} ${invoice.currency}` : ""}</Text>
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
  const [organization, customer] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId } }),
    ctx.db.customer.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId: ctx.organizationId, externalId: invoice.customer } } }),
  ]);
  const pdf = await renderToBuffer(
    <InvoiceDocument
      invoice={invoice}
      party={{
        organizationName: organization.name,
        customer: { name: customer.name, email: customer.email, address: customer.address as Record<string, string> | null, timezone: customer.timezone },
      }}
    />,
  );
  return { filename: `invoice-${invoice.number ?? invoice.id}.pdf`, pdf };
}
