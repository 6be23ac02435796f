import { SearchX } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

// Inside the portal's layout, so the customer keeps their header and nav: an id that is not
// theirs reads exactly as one that does not exist.
export default function PortalNotFound() {
  return (
    <Card>
      <EmptyState
        icon={<SearchX />}
        title="Page not found"
        description="There is nothing at this address in your account. The link may be mistyped, or be meant for someone else."
        action={<ButtonLink href="/portal/invoices">Go to your invoices</ButtonLink>}
      />
    </Card>
  );
}
