import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";

export interface WelcomeEmailProps {
  organizationName: string;
  dashboardUrl: string;
}

export function WelcomeEmail({ organizationName, dashboardUrl }: WelcomeEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${organizationName} is ready to bill usage`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>EasyBilling</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Welcome to EasyBilling
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Your organization <strong>{organizationName}</strong> is set up. Next steps: describe the usage events your
            services send, turn them into billable metrics, and price them in a plan.
          </Text>
          <Section style={{ margin: "24px 0" }}>
            <Button
              href={dashboardUrl}
              style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}
            >
              Open the dashboard
            </Button>
          </Section>
          <Text style={{ color: "#71717a", fontSize: 13 }}>
            Create an API key under Settings → API keys to start sending usage.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export default WelcomeEmail;
