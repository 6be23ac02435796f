import { isIP } from "node:net";
import { env } from "./env";

export const LOOPBACK_NAMES = /^(localhost|.+\.localhost)\.?$/i;

/**
 * True when APP_URL is on this machine (localhost, 127.x, ::1): the app runs locally (a laptop,
 * tests, a test suite driving it), so it may be reached by other local names too, and webhooks
 * may go to this machine. A deployment sets APP_URL to its public address and gets neither.
 */
export function appRunsLocally(appUrl: string = env.APP_URL): boolean {
  try {
    const host = new URL(appUrl).hostname.replace(/^\[|\]$/g, "");
    return LOOPBACK_NAMES.test(host) || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
  } catch {
    return false;
  }
}
