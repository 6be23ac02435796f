import { portalLogoOf } from "@/server/portal/portal-entry";

export const dynamic = "force-dynamic";

// Public: the portal's sign-in page shows it before anyone is signed in. The URL carries the
// upload's version, so a new logo is a new URL and this one may be cached for long.
export async function GET(_request: Request, { params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  const logo = await portalLogoOf(organizationId);
  if (!logo) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(logo.data), {
    headers: {
      "content-type": logo.contentType,
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
}
