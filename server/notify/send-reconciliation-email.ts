import { createElement } from "react";
import { displayRange } from "@/components/format";
import { ReconciliationMismatchesEmail } from "@/emails/reconciliation-mismatches-email";
import type { Db } from "../db";
import { env } from "../env";
import type { ReconciliationMismatchesFoundData } from "../events/definitions";
import { MISMATCH_KIND_LABELS } from "../reconciliation/matching";
import { sendEmail, type SentEmail } from "./send-email";

/** The e-mail names this many; the run's page has the rest. */
const LISTED = 10;

/**
 * Tells the organization's owners and admins about the mismatches a run found that no earlier run
 * had reported, one e-mail each, once per run (viewers are not asked to act).
 */
export async function sendReconciliationMismatchEmails(db: Db, data: ReconciliationMismatchesFoundData): Promise<SentEmail[]> {
  const run = await db.reconciliationRun.findFirst({ where: { id: data.runId, organizationId: data.organizationId }, include: { organization: { select: { name: true } } } });
  if (!run) return [];
  const fresh = await db.reconciliationItem.findMany({ where: { runId: run.id, organizationId: data.organizationId, isNew: true }, orderBy: [{ kind: "asc" }, { occurredAt: "asc" }, { id: "asc" }], take: LISTED });
  if (fresh.length === 0) return [];
  const members = await db.membership.findMany({ where: { organizationId: data.organizationId, role: { in: ["owner", "admin"] } }, include: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } });
  const range = `${displayRange(run.from, run.to)} (UTC)`;
  const plural = run.newItemCount === 1 ? "mismatch" : "mismatches";
  const sent: SentEmail[] = [];
  for (const member of members) {
    sent.push(
      await sendEmail(db, {
        organizationId: data.organizationId,
        idempotencyKey: `reconciliation-mismatches:${run.id}:${member.userId}`,
        template: "reconciliation_mismatches",
        to: member.user.email,
        subject: `${run.newItemCount} new reconciliation ${plural} in ${run.organization.name}`,
        body: createElement(ReconciliationMismatchesEmail, {
          organizationName: run.organization.name,
          range,
          newCount: run.newItemCount,
          items: fresh.map((item) => ({ kind: MISMATCH_KIND_LABELS[item.kind], description: item.description })),
          runUrl: new URL(`/reconciliation/${encodeURIComponent(run.id)}`, env.APP_URL).toString(),
        }),
      }),
    );
  }
  return sent;
}
