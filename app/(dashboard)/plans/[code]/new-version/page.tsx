import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { codeFromParam } from "../../../metrics/catalog-format";
import { loadEditorCatalog } from "../../editor-data";
import { PlanEditor } from "../../plan-editor";

export const metadata: Metadata = { title: "Publish plan version" };

export default async function NewPlanVersionPage({ params }: { params: Promise<{ code: string }> }) {
  const code = codeFromParam((await params).code);
  if (!code) notFound();
  const trpc = await serverCaller();
  const plan = await trpc.plans.get({ code }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  });
  const catalog = await loadEditorCatalog(trpc);
  const href = `/plans/${encodeURIComponent(plan.code)}`;
  return (
    <>
      <PageHeader
        title={`Publish version ${plan.version + 1} of ${plan.name}`}
        description={`Starts from version ${plan.version}. Contracts already on a version keep it; new contracts get the latest.`}
        breadcrumb={[
          { href: "/plans", label: "Plans" },
          { href, label: plan.name },
        ]}
      />
      {plan.archivedAt ? (
        <Alert tone="warning" title="This plan is archived">
          Restore it before publishing a new version.{" "}
          <ButtonLink href={href} variant="secondary" size="sm" className="ml-2">
            Back to the plan
          </ButtonLink>
        </Alert>
      ) : (
        <PlanEditor
          mode="version"
          code={plan.code}
          nextVersion={plan.version + 1}
          initial={{
            name: plan.name,
            description: plan.description,
            currency: plan.currency,
            interval: plan.interval,
            trialDays: plan.trialDays,
            commitment: plan.commitment,
            charges: plan.charges,
          }}
          metrics={catalog.metrics}
          schemaFields={catalog.schemaFields}
        />
      )}
    </>
  );
}
