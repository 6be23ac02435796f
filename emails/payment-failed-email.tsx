import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface PaymentFailedEmailProps {
  organizationName: string;
  customerName: string;
  amount: string;
  number: string;
  method: string;
  /** The gateway's reason, in words. */
  reason: string;
  /** Needs the customer's bank to authorize (3-D Secure): the pay page asks them to. */
  needsAuthorization: boolean;
  /** When the schedule charges again ("Dec 7, 2026"), or null when it will not. */
  nextAttempt: string | null;
  /** The last retry failed: the invoice was written off, and is still paid on the payment page. */
  final: boolean;
  payUrl: string | null;
}

export function PaymentFailedEmail(props: PaymentFailedEmailProps) {
  const { organizationName, customerName, amount, number, method, reason, needsAuthorization, nextAttempt, final, payUrl } = props;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Your payment of ${amount} to ${organizationName} did not go through`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            {needsAuthorization ? "Your payment needs your approval" : "Your payment did not go through"}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName}, we tried to charge {amount} to your {method} for invoice {number}. {reason}
          </Text>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            {final
              ? `This was our last attempt, and invoice ${number} is now overdue. Please pay it with another card on the payment page, or contact ${organizationName} to settle it.`
              : needsAuthorization
                ? "Your bank asks you to confirm this payment. Open the payment page to authorize it."
                : "Please pay the invoice with another card, or update your card, on the payment page."}
            {!final && nextAttempt ? ` Otherwise we will try your card again on ${nextAttempt}.` : ""}
          </Text>
          {payUrl ? (
            <Section style={{ margin: "24px 0" }}>
              <Button href={payUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
                Pay {amount} now
              </Button>
            </Section>
          ) : null}
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>If you already paid, you can ignore this e-mail. Questions? Reply to this e-mail.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default PaymentFailedEmail;
