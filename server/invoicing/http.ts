import { authenticateApiKey } from "../auth/api-keys";
import { getSession } from "../auth/next-auth";
import { resolveOperator } from "../auth/operator";
import type { ServiceContext } from "../context";
import { db } from "../db";
import { NotFound } from "../errors";
import { bearerTokenFrom } from "../trpc/context";
import { renderInvoicePdf } from "./invoice-pdf";

const error = (status: number, code: string, message: string) => Response.json({ message, code, issues: [] }, { status });

/**
 * `GET /api/v1/invoices/{id}/pdf`: with an API key (services) or, for the dashboard's download
 * link, the operator's session. A binary response, so not an OpenAPI-mapped procedure.
 */
export async function handleInvoicePdf(req: Request, invoiceId: string): Promise<Response> {
  let ctx: ServiceContext;
  const token = bearerTokenFrom(req.headers);
  if (token !== null) {
    const key = await authenticateApiKey(db, token);
    if (!key) return error(401, "UNAUTHORIZED", "Invalid or revoked API key.");
    ctx = { db, organizationId: key.organizationId, actor: { type: "api_key", apiKeyId: key.apiKeyId } };
  } else {
    const operator = await resolveOperator(db, await getSession());
    if (!operator) return error(401, "UNAUTHORIZED", "Missing API key: send the header Authorization: Bearer <key>.");
    ctx = { db, ...operator };
  }
  try {
    const { filename, pdf } = await renderInvoicePdf(ctx, invoiceId);
    return new Response(new Uint8Array(pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${filename}"`, "cache-control": "private, no-store" },
    });
  } catch (e) {
    if (e instanceof NotFound) return error(404, "NOT_FOUND", e.message);
    throw e;
  }
}
