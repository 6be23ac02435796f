// Where outgoing webhooks may connect (docs/security.md). An operator chooses the URL, so without
// a check the app could be made to POST to its own network: the cloud metadata service
// (169.254.169.254), the database, an admin port on localhost. The name is resolved at delivery
// time and every address it resolves to is checked here, inside the socket's own lookup, so the
// address checked is the address connected to (no second resolution a rebinding DNS could change).
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

const PRIVATE_V4: [string, number, string][] = [
  ["0.0.0.0", 8, "a reserved address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a carrier-grade NAT address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address (cloud metadata lives there)"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "a reserved address"],
  ["192.0.2.0", 24, "a documentation address"],
  ["192.168.0.0", 16, "a private address"],
  ["198.18.0.0", 15, "a benchmarking address"],
  ["198.51.100.0", 24, "a documentation address"],
  ["203.0.113.0", 24, "a documentation address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved address"],
];
const PRIVATE_V6: [string, number, string][] = [
  ["::", 128, "the unspecified address"],
  ["::1", 128, "a loopback address"],
  ["64:ff9b::", 96, "a NAT64 address"],
  ["100::", 64, "a discard address"],
  ["2001:db8::", 32, "a documentation address"],
  ["fc00::", 7, "a private address"],
  ["fe80::", 10, "a link-local address"],
  ["fec0::", 10, "a site-local address"],
  ["ff00::", 8, "a multicast address"],
];

function blockList(ranges: [string, number, string][], type: "ipv4" | "ipv6") {
  return ranges.map(([network, prefix, label]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return { list, label, type };
  });
}
const RANGES = [...blockList(PRIVATE_V4, "ipv4"), ...blockList(PRIVATE_V6, "ipv6")];

/** `::ffff:10.0.0.1` and `::ffff:a00:1` are the IPv4 address they embed. */
function unmapped(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return address;
}

export function isLoopbackAddress(address: string): boolean {
  const ip = unmapped(address);
  return (isIP(ip) === 4 && ip.startsWith("127.")) || ip === "::1" || ip === "0:0:0:0:0:0:0:1";
}

/** Why a webhook may not connect to this IP address; null when it may. */
export function addressProblem(address: string, options: { allowLoopback: boolean }): string | null {
  const ip = unmapped(address);
  const family = isIP(ip);
  if (family === 0) return `${address} is not an IP address`;
  if (options.allowLoopback && isLoopbackAddress(ip)) return null;
  const type = family === 4 ? "ipv4" : "ipv6";
  const hit = RANGES.find((r) => r.type === type && r.list.check(ip, type));
  return hit ? `${address} is ${hit.label}` : null;
}

/** Host names that name this machine or an internal network whatever DNS says. */
export function isInternalHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host) || host === "metadata" || !host.includes(".");
}

export class RefusedAddress extends Error {
  override name = "RefusedAddress";
  readonly code = "ERR_WEBHOOK_ADDRESS_REFUSED";
}

type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for http(s).request that resolves the name, refuses it when any address it resolves
 * to is internal, and hands the socket exactly the addresses it checked.
 */
export function guardedLookup(options: { allowLoopback: boolean; resolve?: Resolver }): LookupFunction {
  const resolve = options.resolve ?? systemResolver;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        for (const a of addresses) {
          const problem = addressProblem(a.address, options);
          if (problem) return callback(new RefusedAddress(`Refused: ${hostname} resolves to ${problem}; webhooks go to public addresses only`), "", 0);
        }
        if (usable.length === 0) {
          const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
          return callback(error, "", 0);
        }
        if (lookupOptions.all) return (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
