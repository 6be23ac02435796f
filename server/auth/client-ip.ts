// The client's IP address, for the sign-in limits (docs/security.md). Headers a client sends can
// say anything, so:
// - `npm start` (scripts/lib/production-server.ts) stamps the socket's peer address into
//   REMOTE_ADDRESS_HEADER on every request, replacing any copy the client sent;
// - behind reverse proxies, TRUSTED_PROXY_HOPS=N says the last N X-Forwarded-For entries were
//   appended by proxies the operator runs, so the client is the N-th entry from the right;
// - without either (`next dev`), Next.js' own X-Forwarded-For is used: it is the socket address
//   unless the client sent the header itself, which only matters on a development machine.

export const REMOTE_ADDRESS_HEADER = "x-easybilling-remote-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

function normalize(ip: string | undefined | null): string | null {
  const value = ip?.trim().replace(/^\[|\]$/g, "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return value ? value.toLowerCase().slice(0, 64) : null;
}

export function clientIpFrom(headers: HeaderSource, trustedProxyHops: number): string | null {
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (trustedProxyHops > 0) {
    const entry = forwarded[Math.max(0, forwarded.length - trustedProxyHops)];
    return normalize(entry) ?? normalize(header(headers, REMOTE_ADDRESS_HEADER));
  }
  return normalize(header(headers, REMOTE_ADDRESS_HEADER)) ?? normalize(forwarded[forwarded.length - 1]);
}
