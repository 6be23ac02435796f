import { notFound } from "next/navigation";
import { serverCaller } from "@/server/trpc/server-caller";
import { codeFromParam } from "../metrics/catalog-format";

type Caller = Awaited<ReturnType<typeof serverCaller>>;

/** The customer named by the route segment, or the 404 page (unknown, malformed, or another organization's). */
export async function loadCustomer(trpc: Caller, param: string) {
  const externalId = codeFromParam(param);
  if (!externalId) notFound();
  return trpc.customers.get({ externalId }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    throw error;
  });
}

export const customerHref = (externalId: string) => `/customers/${encodeURIComponent(externalId)}`;
