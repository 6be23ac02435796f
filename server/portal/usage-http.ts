import { DomainError } from "../errors";
import { seeOther } from "../http/see-other";
import { domainErrorResponse } from "../http/transport";
import type { PortalPageSession } from "./page-session";
import { getPortalUsage } from "./usage";
import { usageCsvFileName, usageCsvStream } from "./usage-csv";

/**
 * `GET /portal/usage/csv?period=`: the chosen period's usage as a spreadsheet, for the signed-in
 * customer only (the portal cookie). Signed out, the browser is sent to sign in; a period that is
 * not the customer's is a 400 naming the field.
 */
export async function handlePortalUsageCsv(req: Request, portal: PortalPageSession | null): Promise<Response> {
  if (!portal) return seeOther("/portal/sign-in?reason=signed-out");
  try {
    const view = await getPortalUsage(portal.ctx, { period: new URL(req.url).searchParams.get("period") });
    return new Response(usageCsvStream(view), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${usageCsvFileName(view)}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (e) {
    if (e instanceof DomainError) return domainErrorResponse(e);
    throw e;
  }
}
