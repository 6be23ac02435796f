import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { EventSchemaForm } from "../event-schema-form";

export const metadata: Metadata = { title: "New event schema" };

export default function NewEventSchemaPage() {
  return (
    <>
      <PageHeader title="New event schema" description="A template for one kind of usage event." breadcrumb={[{ href: "/event-schemas", label: "Event schemas" }]} />
      <div className="max-w-4xl">
        <EventSchemaForm mode="create" />
      </div>
    </>
  );
}
