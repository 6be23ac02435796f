import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface PaymentReceiptEmailProps {
  organizationName: string;
  customerName: string;
  amount: string;
  /** "Invoice INV-0004", or "Credits top-up". */
  paidFor: string;
  paidOn: string;
  method: string;
  /** What the invoice still owes after this payment, or null when it is paid in full. */
  stillDue: string | null;
  pdfUrl: string | null;
}

export function PaymentReceiptEmail(props: PaymentReceiptEmailProps) {
  const { organizationName, customerName, amount, paidFor, paidOn, method, stillDue, pdfUrl } = props;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Receipt from ${organizationName}: ${amount} paid`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Payment received
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName}, thank you: we received {amount} for {paidFor}.
          </Text>
          <Section style={{ backgroundColor: "#fafafa", borderRadius: 6, padding: "12px 16px" }}>
            <Text style={{ margin: "4px 0", fontSize: 14, fontWeight: 600 }}>Amount paid: {amount}</Text>
            <Text style={{ margin: "4px 0", fontSize: 14 }}>Paid on: {paidOn}</Text>
            <Text style={{ margin: "4px 0", fontSize: 14 }}>Payment method: {method}</Text>
            <Text style={{ margin: "4px 0", fontSize: 14 }}>{stillDue ? `Still due on the invoice: ${stillDue}` : "Nothing more is due."}</Text>
          </Section>
          {pdfUrl ? (
            <Section style={{ margin: "24px 0" }}>
              <Button href={pdfUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
                Download the invoice (PDF)
              </Button>
            </Section>
          ) : null}
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>Keep this e-mail as your receipt. Questions? Reply to this e-mail.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default PaymentReceiptEmail;
