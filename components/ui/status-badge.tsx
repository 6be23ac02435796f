import { Badge, type Tone } from "./badge";

// Invoices, contracts, API keys and member roles share one visual language for state.
const STATUS: Record<string, { tone: Tone; label: string }> = {
  draft: { tone: "neutral", label: "Draft" },
  open: { tone: "blue", label: "Open" },
  paid: { tone: "green", label: "Paid" },
  void: { tone: "neutral", label: "Void" },
  uncollectible: { tone: "red", label: "Uncollectible" },
  scheduled: { tone: "violet", label: "Scheduled" },
  active: { tone: "green", label: "Active" },
  ended: { tone: "neutral", label: "Ended" },
  canceled: { tone: "amber", label: "Canceled" },
  past_due: { tone: "red", label: "Past due" },
  revoked: { tone: "neutral", label: "Revoked" },
  archived: { tone: "neutral", label: "Archived" },
  owner: { tone: "violet", label: "Owner" },
  admin: { tone: "blue", label: "Admin" },
  viewer: { tone: "neutral", label: "Viewer" },
};

export function StatusBadge({ status }: { status: string }) {
  const known = STATUS[status] ?? { tone: "neutral" as const, label: status };
  return <Badge tone={known.tone}>{known.label}</Badge>;
}
