import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface CreditNoteEmailProps {
  organizationName: string;
  customerName: string;
  number: string;
  invoiceNumber: string;
  total: string;
  /** Formatted amounts; an empty string when nothing went that way. */
  appliedToInvoice: string;
  creditedToBalance: string;
  /** What is still due on the invoice after the note, formatted. */
  invoiceAmountDue: string;
  pdfUrl: string;
}

export function CreditNoteEmail(props: CreditNoteEmailProps) {
  const { organizationName, customerName, number, invoiceNumber, total, appliedToInvoice, creditedToBalance, invoiceAmountDue, pdfUrl } = props;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Credit note ${number} from ${organizationName}: ${total} credited on invoice ${invoiceNumber}`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Credit note {number}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName}, we have credited {total} on invoice {invoiceNumber}.
          </Text>
          <Section style={{ backgroundColor: "#fafafa", borderRadius: 6, padding: "12px 16px" }}>
            {appliedToInvoice && <Text style={{ margin: "4px 0", fontSize: 14 }}>Taken off what invoice {invoiceNumber} asks for: {appliedToInvoice}</Text>}
            {creditedToBalance && <Text style={{ margin: "4px 0", fontSize: 14 }}>Added to your credit balance, for your next invoices: {creditedToBalance}</Text>}
            <Text style={{ margin: "4px 0", fontSize: 14, fontWeight: 600 }}>Now due on invoice {invoiceNumber}: {invoiceAmountDue}</Text>
          </Section>
          <Section style={{ margin: "24px 0" }}>
            <Button href={pdfUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
              Download the credit note (PDF)
            </Button>
          </Section>
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>Questions about this credit note? Reply to this e-mail.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default CreditNoteEmail;
