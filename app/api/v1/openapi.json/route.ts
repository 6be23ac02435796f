import { openApiDocument } from "@/server/trpc/openapi";

export function GET() {
  return Response.json(openApiDocument());
}
