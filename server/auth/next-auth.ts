import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { db } from "../db";
import { env } from "../env";
import type { Role } from "../generated/prisma/enums";
import { clientIpFrom } from "./client-ip";
import { SignInError, verifyCredentials } from "./sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string | null };
    organizationId: string;
    role: Role;
  }
  interface User {
    organizationId: string;
    role: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    organizationId?: string;
    role?: Role;
  }
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email ?? "";
        const password = credentials?.password ?? "";
        if (!email || !password) throw new Error("Enter your e-mail and password.");
        try {
          const user = await verifyCredentials(db, email, password, { ip: clientIpFrom(req?.headers ?? {}, env.TRUSTED_PROXY_HOPS) });
          return { id: user.userId, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role };
        } catch (error) {
          // next-auth hands an Error's message to the sign-in form; anything else becomes a crash.
          if (error instanceof SignInError) throw new Error(error.message, { cause: error });
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.organizationId = user.organizationId;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        user: { id: token.userId ?? "", email: token.email ?? "", name: token.name ?? null },
        organizationId: token.organizationId ?? "",
        role: token.role ?? "viewer",
      };
    },
  },
};

export function getSession() {
  return getServerSession(authOptions);
}
