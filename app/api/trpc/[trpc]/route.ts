import { handleMethodNotAllowed } from "@/server/http/allowed-methods";
import { getSession } from "@/server/auth/next-auth";
import { handleTrpcRequest } from "@/server/trpc/http-handler";

function handler(req: Request) {
  return handleTrpcRequest(req, getSession);
}

export { handler as GET, handler as POST };

// Other methods: 405 with the Allow header (server/http/allowed-methods.ts).
export { handleMethodNotAllowed as PUT, handleMethodNotAllowed as PATCH, handleMethodNotAllowed as DELETE };
