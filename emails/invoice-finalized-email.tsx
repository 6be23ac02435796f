import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface InvoiceFinalizedEmailProps {
  organizationName: string;
  customerName: string;
  number: string;
  total: string;
  amountDue: string;
  dueDate: string;
  periodLabel: string;
  pdfUrl: string;
  paid: boolean;
}

export function InvoiceFinalizedEmail(props: InvoiceFinalizedEmailProps) {
  const { organizationName, customerName, number, total, amountDue, dueDate, periodLabel, pdfUrl, paid } = props;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Invoice ${number} from ${organizationName}: ${paid ? "paid" : `${amountDue} due ${dueDate}`}`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Invoice {number}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName}, here is your invoice for {periodLabel}.
          </Text>
          <Section style={{ backgroundColor: "#fafafa", borderRadius: 6, padding: "12px 16px" }}>
            <Text style={{ margin: "4px 0", fontSize: 14 }}>Total: {total}</Text>
            <Text style={{ margin: "4px 0", fontSize: 14, fontWeight: 600 }}>
              {paid ? "Nothing is due: this invoice is paid." : `Amount due: ${amountDue} by ${dueDate}`}
            </Text>
          </Section>
          <Section style={{ margin: "24px 0" }}>
            <Button href={pdfUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
              Download the invoice (PDF)
            </Button>
          </Section>
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>Questions about this invoice? Reply to this e-mail.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default InvoiceFinalizedEmail;
