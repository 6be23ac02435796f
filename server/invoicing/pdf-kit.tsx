// What the invoice and credit note PDFs share: the page styles, money and date formatting, and
// the parties printed on them.
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { displayAddressLines, displayPeriod } from "@/components/format";
import type { ReactNode } from "react";
import type { ServiceContext } from "../context";
import type { TAddress } from "../customers/customer-schemas";
import { toCustomer } from "../customers/customer-row";

export const ink = "#18181b";
export const muted = "#71717a";
export const line = "#e4e4e7";
export const accent = "#4f46e5";

export const styles = StyleSheet.create({
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

// Money, quantities, dates and periods are written as the dashboard writes them.
export { displayMoney as money, displayPrice as unitPrice, displayQuantity as quantity, displayDate as day } from "@/components/format";

/** [start, end) shown as the days it covers ("Nov 1 – Nov 30, 2026"): the end instant itself belongs to the next period. */
export function span(start: Date, end: Date, zone: string) {
  return displayPeriod(start, end, zone);
}

export interface PdfParty {
  organizationName: string;
  customer: { name: string; email: string; address: TAddress | null; timezone: string };
}

/** The organization's name and the customer's details, dates shown in the customer's zone. */
export async function loadPdfParty(ctx: ServiceContext, customerExternalId: string): Promise<PdfParty> {
  const [organization, customer] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId } }),
    ctx.db.customer.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId: ctx.organizationId, externalId: customerExternalId } } }),
  ]);
  return {
    organizationName: organization.name,
    customer: { name: customer.name, email: customer.email, address: toCustomer(customer).address, timezone: customer.timezone },
  };
}

/** The top of every document: the organization on the left, the title and its facts on the right. */
export function DocumentHeader({ organizationName, title, facts }: { organizationName: string; title: string; facts: [label: string, value: string][] }) {
  return (
    <View style={styles.header}>
      <View>
        <Text style={styles.brand}>{organizationName}</Text>
        <Text style={{ color: muted, marginTop: 4 }}>Billed with EasyBilling</Text>
      </View>
      <View>
        <Text style={styles.title}>{title}</Text>
        {facts.map(([label, value]) => (
          <View key={label} style={styles.meta}>
            <Text style={styles.metaLabel}>{label}</Text>
            <Text>{value}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** The customer (with its address) on the left, one labelled block about the document on the right. */
export function Parties({ customerLabel, customer, aside }: { customerLabel: string; customer: PdfParty["customer"]; aside: { label: string; children: ReactNode } }) {
  return (
    <View style={styles.parties}>
      <View>
        <Text style={styles.label}>{customerLabel}</Text>
        <Text style={{ fontFamily: "Helvetica-Bold" }}>{customer.name}</Text>
        <Text>{customer.email}</Text>
        {displayAddressLines(customer.address).map((a) => (
          <Text key={a}>{a}</Text>
        ))}
      </View>
      <View>
        <Text style={styles.label}>{aside.label}</Text>
        {aside.children}
      </View>
    </View>
  );
}
