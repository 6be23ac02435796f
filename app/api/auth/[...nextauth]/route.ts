import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/next-auth";
import { throttledSignInResponse } from "@/server/auth/sign-in-route";

const handler = NextAuth(authOptions);

async function post(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return (await throttledSignInResponse(req)) ?? (handler as (req: Request, ctx: unknown) => Promise<Response>)(req, ctx);
}

export { handler as GET, post as POST };
