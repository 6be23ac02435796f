import { getPortalPageSession } from "@/server/portal/page-session";
import { handlePortalUsageCsv } from "@/server/portal/usage-http";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handlePortalUsageCsv(req, await getPortalPageSession());
}
