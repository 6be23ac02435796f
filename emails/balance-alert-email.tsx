import { Body, Container, Head, Heading, Html, Preview, Text } from "@react-email/components";

export interface BalanceAlertEmailProps {
  kind: "low" | "depleted";
  organizationName: string;
  customerName: string;
  balance: string;
  threshold: string | null;
}

export function BalanceAlertEmail({ kind, organizationName, customerName, balance, threshold }: BalanceAlertEmailProps) {
  const title = kind === "depleted" ? "Your prepaid balance is used up" : "Your prepaid balance is running low";
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${title}: ${balance}`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            {title}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName}, your balance with {organizationName} is now <strong>{balance}</strong>
            {kind === "low" && threshold ? ` (alert threshold ${threshold})` : ""}.
            {kind === "depleted"
              ? " Usage beyond your balance is blocked until you add credits."
              : " Add credits soon to keep your usage running without interruption."}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export default BalanceAlertEmail;
