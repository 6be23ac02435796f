import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Text } from "@react-email/components";

export interface InvitationEmailProps {
  organizationName: string;
  /** Who invited, by name or e-mail; null when unknown. */
  inviterName: string | null;
  role: string;
  acceptUrl: string;
  /** "7 days". */
  validFor: string;
}

export function InvitationEmail({ organizationName, inviterName, role, acceptUrl, validFor }: InvitationEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Join ${organizationName} on EasyBilling`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 520 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>EasyBilling</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            Join {organizationName}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            {inviterName ? `${inviterName} invited you` : "You are invited"} to the billing dashboard of <strong>{organizationName}</strong> as {role === "admin" ? "an" : "a"}{" "}
            <strong>{role}</strong>.
          </Text>
          <Button href={acceptUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
            Accept the invitation
          </Button>
          <Text style={{ color: "#3f3f46", fontSize: 14 }}>The link works once, within {validFor}.</Text>
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 12 }}>If you did not expect this invitation, you can ignore this e-mail.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default InvitationEmail;
