import { Body, Container, Head, Heading, Hr, Html, Preview, Text } from "@react-email/components";

export interface AutoRechargeDisabledEmailProps {
  organizationName: string;
  customerName: string;
  /** What each recharge would have added ("$50.00"). */
  amount: string;
  /** "visa card ending 0341". */
  method: string;
  /** The gateway's reason for the last failure, in words. */
  reason: string;
  failures: number;
  /** The balance now ("$3.20"). */
  balance: string;
}

/** To the customer: their automatic recharges kept failing, so they stopped. */
export function AutoRechargeDisabledEmail(props: AutoRechargeDisabledEmailProps) {
  const { organizationName, customerName, amount, method, reason, failures, balance } = props;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Automatic recharges of your ${organizationName} balance are turned off`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Automatic recharges are turned off
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName}, we tried {failures} times in a row to add {amount} to your balance by charging your {method}, and each time the charge failed. {reason}
          </Text>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            To avoid charging your card again and again, we stopped recharging your balance automatically. Your balance is now <strong>{balance}</strong>. Please update your card or
            add credits, and ask {organizationName} to turn automatic recharges back on.
          </Text>
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>Questions? Reply to this e-mail.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default AutoRechargeDisabledEmail;
