import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Text } from "@react-email/components";

export interface PortalSignInEmailProps {
  organizationName: string;
  customerName: string;
  signInUrl: string;
  /** "15 minutes". */
  validFor: string;
  accentColor: string;
}

export function PortalSignInEmail({ organizationName, customerName, signInUrl, validFor, accentColor }: PortalSignInEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Your sign-in link for ${organizationName}'s billing portal`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: accentColor, fontWeight: 600, fontSize: 14, margin: 0 }}>{organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Sign in to your billing portal
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Hello {customerName}, use the button below to see your usage, invoices, payment methods and credits with {organizationName}.
          </Text>
          <Button href={signInUrl} style={{ backgroundColor: accentColor, color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
            Sign in
          </Button>
          <Text style={{ color: "#3f3f46", fontSize: 14 }}>The link works once, within {validFor}.</Text>
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>If you did not ask to sign in, you can ignore this e-mail: nobody can sign in without this link.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default PortalSignInEmail;
