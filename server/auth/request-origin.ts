// Cross-site request check for cookie-authenticated changes (docs/security.md). A browser sends
// the session cookie with any request to this app, including one a foreign page makes it send;
// what the foreign page cannot forge is where the request comes from. Mutations made with a
// session must come from the app's own pages: `Origin` (or, without it, `Referer`, or
// `Sec-Fetch-Site: same-origin`) names one of the app's origins. API-key calls are not checked:
// no browser attaches a bearer token on its own.

import { appRunsLocally } from "../app-url";

export interface AppOrigins {
  /** The app's public URLs (APP_URL, NEXTAUTH_URL). */
  appUrls: (string | undefined)[];
  /** In development the app is whatever host the browser reached it by (a LAN address, a tunnel). */
  trustHostHeader: boolean;
  /**
   * While the app runs locally it is also reached as 127.0.0.1 or [::1] rather than localhost:
   * a loopback Host names the app then (a foreign Host does not: that is DNS rebinding).
   */
  trustLoopbackHost?: boolean;
}

function originOf(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** The origins a session-authenticated change may come from. */
export function allowedOrigins(headers: Headers, options: AppOrigins): Set<string> {
  const allowed = new Set<string>();
  for (const url of options.appUrls) {
    const origin = originOf(url);
    if (origin) allowed.add(origin);
  }
  const host = headers.get("host");
  if (options.trustHostHeader || (options.trustLoopbackHost && host && appRunsLocally(`http://${host}`))) {
    for (const scheme of ["http", "https"]) {
      const origin = host ? originOf(`${scheme}://${host}`) : null;
      if (origin) allowed.add(origin);
    }
  }
  return allowed;
}

/** Why a session-authenticated change from these headers is refused; null when it comes from the app. */
export function crossSiteProblem(headers: Headers, options: AppOrigins): string | null {
  const allowed = allowedOrigins(headers, options);
  const app = originOf(options.appUrls.find(Boolean)) ?? [...allowed][0] ?? "the app";
  const origin = headers.get("origin");
  if (origin !== null) {
    const normalized = originOf(origin);
    if (normalized && allowed.has(normalized)) return null;
    return `Cross-site request refused: Origin ${origin} is not ${app}. Changes with a session cookie must come from the app's own pages.`;
  }
  const referer = headers.get("referer");
  if (referer !== null) {
    const normalized = originOf(referer);
    if (normalized && allowed.has(normalized)) return null;
    return `Cross-site request refused: the request came from ${normalized ?? "an unknown page"}, not ${app}. Changes with a session cookie must come from the app's own pages.`;
  }
  if (headers.get("sec-fetch-site") === "same-origin") return null;
  return `Cross-site request refused: the request names no Origin. Changes with a session cookie must come from ${app}'s own pages (services use an API key).`;
}
