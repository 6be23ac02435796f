// Which webhook URLs the app accepts and delivers to, beyond their syntax (webhook-schemas.ts):
// never this machine or an internal network, except loopback while the app itself runs on
// localhost (development, the integration tests' local receiver). docs/security.md.
import { isIP } from "node:net";
import { appRunsLocally, LOOPBACK_NAMES } from "../app-url";
import { addressProblem, isInternalHostname } from "./outbound-address";

/**
 * Why deliveries may not go to this URL (a message for the `url` field); null when they may.
 * Names are checked as written here; what they resolve to is checked at each delivery.
 */
export function webhookUrlPolicyProblem(raw: string, options: { allowLoopback: boolean } = { allowLoopback: appRunsLocally() }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL such as https://example.com/webhooks";
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let loopback = false;
  if (isIP(host)) {
    const problem = addressProblem(host, options);
    if (problem) return `must not point at an internal address: ${problem}`;
    loopback = addressProblem(host, { allowLoopback: false }) !== null;
  } else if (LOOPBACK_NAMES.test(host)) {
    if (!options.allowLoopback) return `must not point at this machine (${host}); it is accepted only while EasyBilling itself runs on localhost`;
    loopback = true;
  } else if (isInternalHostname(host)) {
    return `must name a public host (${host} is an internal name)`;
  }
  if (url.protocol === "http:" && !loopback) return "must use https (plain http is accepted for localhost and 127.0.0.1 only)";
  return null;
}
