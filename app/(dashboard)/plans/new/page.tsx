import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { loadEditorCatalog } from "../editor-data";
import { PlanEditor } from "../plan-editor";

export const metadata: Metadata = { title: "New plan" };

export default async function NewPlanPage() {
  const catalog = await loadEditorCatalog(await serverCaller());
  return (
    <>
      <PageHeader title="New plan" description="Compose the charges; the simulator prices them as you type." breadcrumb={[{ href: "/plans", label: "Plans" }]} />
      <PlanEditor mode="create" metrics={catalog.metrics} schemaFields={catalog.schemaFields} />
    </>
  );
}
