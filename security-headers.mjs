// Response headers for security, in one place (docs/security.md). next.config.mjs applies them
// through `headers()`; the custom server's own answers (scripts/lib/production-server.ts) set
// nosniff themselves. Plain JavaScript because next.config.mjs imports it.

/**
 * Who may show the app's pages in a frame (CSP frame-ancestors). Only the app itself today; when
 * the customer portal is embedded in operators' sites, their configured origins are added here.
 * @type {string[]}
 */
export const FRAME_ANCESTORS = ["'self'"];

/**
 * The pages' Content-Security-Policy. Next.js writes inline <script> tags into every page (the
 * bootstrap and the RSC payload), so script-src needs either a per-request nonce or
 * 'unsafe-inline'. Nonces require every page to be rendered per request (no static pages) and a
 * proxy to mint them; 'unsafe-inline' keeps static rendering and still blocks scripts from other
 * origins, plugins, <base> hijacking, foreign form targets and framing. `next dev` also needs
 * 'unsafe-eval' (React's dev tooling) and web sockets (hot reload).
 * @param {{ dev?: boolean, frameAncestors?: string[] }} [options]
 */
export function contentSecurityPolicy({ dev = false, frameAncestors = FRAME_ANCESTORS } = {}) {
  /** @type {Record<string, string[]>} */
  const directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": frameAncestors,
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * The rules for next.config.mjs `headers()`.
 * - Every response: nosniff and a Referrer-Policy that keeps paths and query strings (signed
 *   links) to the app's own origin.
 * - Pages: the CSP. Not the API (JSON and PDFs), nor the e-mailed PDF links (/i/…, /c/…), where a
 *   policy only risks the browser's PDF viewer.
 * - HSTS when the app is served over https: APP_URL is https, or a proxy says so.
 * @param {{ dev?: boolean, appUrl?: string }} [options]
 */
export function securityHeaderRules({ dev = false, appUrl = "" } = {}) {
  const hsts = [{ key: "Strict-Transport-Security", value: HSTS }];
  return [
    {
      source: "/:path*",
      headers: [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      ],
    },
    {
      source: "/:path((?!api/|_next/|i/|c/).*)",
      headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy({ dev }) }],
    },
    ...(appUrl.startsWith("https://")
      ? [{ source: "/:path*", headers: hsts }]
      : [{ source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: hsts }]),
  ];
}
