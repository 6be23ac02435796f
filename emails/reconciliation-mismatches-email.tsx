import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface ReconciliationMismatchesEmailProps {
  organizationName: string;
  /** The range compared, in words ("Jan 15, 2026 – Jan 16, 2026 (UTC)"). */
  range: string;
  /** How many mismatches no earlier run had reported. */
  newCount: number;
  /** The first few of them, in words. */
  items: { kind: string; description: string }[];
  /** The run's page in the dashboard, where every item links to its invoice or payment. */
  runUrl: string;
}

/** To the organization's owners and admins: a reconciliation run found mismatches nobody was told about yet. */
export function ReconciliationMismatchesEmail(props: ReconciliationMismatchesEmailProps) {
  const { organizationName, range, newCount, items, runUrl } = props;
  const plural = newCount === 1 ? "mismatch" : "mismatches";
  const more = newCount - items.length;
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${newCount} new reconciliation ${plural} for ${range}`}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", padding: 32, maxWidth: 560 }}>
          <Text style={{ color: "#4f46e5", fontWeight: 600, fontSize: 14, margin: 0 }}>EasyBilling · {organizationName}</Text>
          <Heading as="h1" style={{ fontSize: 22, color: "#18181b" }}>
            {newCount} new reconciliation {plural}
          </Heading>
          <Text style={{ color: "#3f3f46", fontSize: 15, lineHeight: "24px" }}>
            Comparing invoices, payments and refunds with the payment gateway&apos;s own records for {range} found {newCount} {plural} that no earlier run had reported:
          </Text>
          {items.map((item, i) => (
            <Text key={i} style={{ color: "#3f3f46", fontSize: 14, lineHeight: "22px", margin: "0 0 8px" }}>
              <strong>{item.kind}</strong>: {item.description}
            </Text>
          ))}
          {more > 0 ? <Text style={{ color: "#71717a", fontSize: 14 }}>…and {more} more.</Text> : null}
          <Section style={{ margin: "24px 0" }}>
            <Button href={runUrl} style={{ backgroundColor: "#4f46e5", color: "#ffffff", borderRadius: 6, padding: "10px 18px", fontSize: 14 }}>
              Open the reconciliation run
            </Button>
          </Section>
          <Hr />
          <Text style={{ color: "#71717a", fontSize: 13 }}>Mismatches already reported by an earlier run are not e-mailed again; the run&apos;s page lists them all.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default ReconciliationMismatchesEmail;
