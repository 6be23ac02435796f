import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";

const ORDER = ["owner", "admin", "billing", "viewer"] as const;

/** What each role may do, in the words of the permission table. */
export function RolesCard({ descriptions }: { descriptions: Record<(typeof ORDER)[number], string> }) {
  return (
    <Card>
      <CardHeader title="Roles" />
      <CardBody>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
          {ORDER.map((role) => (
            <div key={role} className="contents">
              <dt>
                <StatusBadge status={role} />
              </dt>
              <dd className="text-sm text-zinc-600 max-sm:mb-2">{descriptions[role]}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
