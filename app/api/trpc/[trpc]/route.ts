import { getSession } from "@/server/auth/next-auth";
import { handleTrpcRequest } from "@/server/trpc/http-handler";

function handler(req: Request) {
  return handleTrpcRequest(req, getSession);
}

export { handler as GET, handler as POST };
