import { handleStripeWebhook } from "@/server/payments/http";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ organizationId: string }> }) {
  return handleStripeWebhook(req, (await params).organizationId);
}
