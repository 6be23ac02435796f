import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";

export interface AutoRechargeDisabledOperatorEmailProps {
  organizationName: string;
  customerName: string;
  externalId: string;
  amount: string;
  method: string;
  reason: string;
  failures: number;
  /** When it was turned off, in the customer's time zone. */
  disabledOn: string;
  /** The customer's page in the dashboard, where auto-recharge is set up again. */
  customerUrl: string;
}

/** To the organization's owners and admins: a customer's auto-recharge turned itself off. */
export function AutoRechargeDisabledOperatorEmail(props: AutoRechargeDisabledOperatorEmailProps) {
  const { organizationName, customerName, externalId, amount, method, reason, failures, disabledOn, customerUrl } = props;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Auto-recharge of ${customerName} was turned off after ${failures} failed charges`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>EasyBilling · {organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Auto-recharge turned off for {customerName}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            The last {failures} automatic recharges of {amount} for {customerName} ({externalId}) failed on their {method}. The last one said: {reason}
          </Text>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Auto-recharge for this customer was turned off on {disabledOn}, and the customer was told. Once they have a working card, set auto-recharge up again on their page.
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button href={customerUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
              Open {customerName}
            </Button>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export default AutoRechargeDisabledOperatorEmail;
