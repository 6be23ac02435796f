import { Badge, type Tone } from "./badge";

// Invoices, contracts, payments, API keys, e-mails and member roles share one visual language for state.
const STATUS: Record<string, { tone: Tone; label: string }> = {
  // invoices
  draft: { tone: "neutral", label: "Draft" },
  open: { tone: "blue", label: "Open" },
  paid: { tone: "green", label: "Paid" },
  void: { tone: "neutral", label: "Void" },
  uncollectible: { tone: "red", label: "Uncollectible" },
  // contracts
  scheduled: { tone: "violet", label: "Scheduled" },
  active: { tone: "green", label: "Active" },
  ended: { tone: "neutral", label: "Ended" },
  canceled: { tone: "amber", label: "Canceled" },
  cancelled: { tone: "amber", label: "Canceled" },
  past_due: { tone: "red", label: "Past due" },
  // payments and refunds
  pending: { tone: "amber", label: "Pending" },
  processing: { tone: "blue", label: "Processing" },
  requires_action: { tone: "amber", label: "Requires action" },
  succeeded: { tone: "green", label: "Succeeded" },
  failed: { tone: "red", label: "Failed" },
  refunded: { tone: "violet", label: "Refunded" },
  partially_refunded: { tone: "violet", label: "Partially refunded" },
  disputed: { tone: "amber", label: "Disputed" },
  dispute_won: { tone: "green", label: "Won" },
  dispute_lost: { tone: "red", label: "Lost" },
  // api keys, catalog
  revoked: { tone: "neutral", label: "Revoked" },
  archived: { tone: "neutral", label: "Archived" },
  published: { tone: "green", label: "Published" },
  // e-mails, webhooks
  queued: { tone: "neutral", label: "Queued" },
  sent: { tone: "green", label: "Sent" },
  delivered: { tone: "green", label: "Delivered" },
  bounced: { tone: "red", label: "Bounced" },
  // member roles
  owner: { tone: "violet", label: "Owner" },
  admin: { tone: "blue", label: "Admin" },
  billing: { tone: "green", label: "Billing" },
  viewer: { tone: "neutral", label: "Viewer" },
};

/** The tone a status renders with (for callers drawing their own marker). */
export function statusTone(status: string): Tone {
  return STATUS[status.toLowerCase()]?.tone ?? "neutral";
}

/** A badge for a known status (case-insensitive); unknown ones show as a neutral badge with their words. */
export function StatusBadge({ status, label, className }: { status: string; label?: string; className?: string }) {
  const known = STATUS[status.toLowerCase()];
  const text = label ?? known?.label ?? status.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  return (
    <Badge tone={known?.tone ?? "neutral"} dot className={className}>
      {text}
    </Badge>
  );
}
