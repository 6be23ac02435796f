import Link from "next/link";
import { Alert } from "@/components/ui/alert";

export interface BillingFailureItem {
  contractId: string;
  customer: string;
  message: string;
  failedAt: string;
  attempts: number;
}

/**
 * Contracts the last billing runs could not bill, with why. Every other contract was billed; these
 * are retried by each run until they bill, and then leave this list.
 */
export function BillingFailuresCard({ failures }: { failures: BillingFailureItem[] }) {
  if (failures.length === 0) return null;
  const count = failures.length === 1 ? "1 contract could not be billed" : `${failures.length} contracts could not be billed`;
  return (
    <Alert tone="error" title={count}>
      <p>Every other contract was billed. Each billing run tries these again; fix what the message says and they will bill.</p>
      <ul className="mt-1.5 space-y-1" aria-label="Contracts that could not be billed">
        {failures.map((f) => (
          <li key={f.contractId} className="break-words">
            <Link href={`/customers/${encodeURIComponent(f.customer)}`} className="font-medium underline underline-offset-2">
              {f.customer}
            </Link>
            : {f.message}
            {f.attempts > 1 ? ` (${f.attempts} attempts)` : ""}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
