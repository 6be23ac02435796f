import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

export interface InvoiceReminderEmailProps {
  organizationName: string;
  customerName: string;
  number: string;
  amountDue: string;
  /** The due date in the customer's zone ("Dec 7, 2026"). */
  dueDate: string;
  /** Before or on the due date: "due"; after it: "overdue". */
  kind: "due" | "overdue";
  payUrl: string;
  pdfUrl: string;
}

export function InvoiceReminderEmail(props: InvoiceReminderEmailProps) {
  const { organizationName, customerName, number, amountDue, dueDate, kind, payUrl, pdfUrl } = props;
  const headline = kind === "due" ? `Invoice ${number} is due on ${dueDate}` : `Invoice ${number} is overdue since ${dueDate}`;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${headline}: ${amountDue} to ${organizationName}`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            {headline}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName},{" "}
            {kind === "due"
              ? `this is a reminder that invoice ${number} from ${organizationName} is due on ${dueDate}.`
              : `invoice ${number} from ${organizationName} was due on ${dueDate} and has not been paid yet.`}
          </Text>
          <Section style={{ backgroundColor: "#fafafa", borderRadius: 6, padding: "12px 16px" }}>
            <Text style={{ margin: "4px 0", fontSize: 14, fontWeight: 600 }}>Amount due: {amountDue}</Text>
            <Text style={{ margin: "4px 0", fontSize: 14 }}>Due date: {dueDate}</Text>
          </Section>
          <Section style={{ margin: "24px 0" }}>
            <Button href={payUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
              Pay {amountDue} now
            </Button>
          </Section>
          <Text style={{ color: "#3f3f46", fontSize: 14 }}>
            <Link href={pdfUrl} style={{ color: "#4f46e5" }}>
              Download the invoice (PDF)
            </Link>
          </Text>
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>If you already paid, you can ignore this e-mail. Questions? Reply to this e-mail.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default InvoiceReminderEmail;
