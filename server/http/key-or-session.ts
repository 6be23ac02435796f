import { getSession } from "../auth/next-auth";
import { resolveOperator } from "../auth/operator";
import type { ServiceContext } from "../context";
import { db } from "../db";
import { Unauthorized } from "../errors";
import { authenticateBearer, bearerTokenFrom, MISSING_API_KEY } from "./transport";

/**
 * For the route handlers a dashboard page links to (PDFs, CSV exports): a bearer key when one is
 * sent (services), otherwise the operator's session (the browser following the page's link).
 */
export async function authenticateKeyOrSession(req: Request): Promise<ServiceContext> {
  const token = bearerTokenFrom(req.headers);
  // Route handlers serve downloads (GET), so a key needs `read`.
  if (token !== null) return authenticateBearer(db, token, "read");
  const operator = await resolveOperator(db, await getSession());
  if (!operator) throw new Unauthorized(MISSING_API_KEY);
  return { db, ...operator };
}
