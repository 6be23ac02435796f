import { headers } from "next/headers";
import { getSession } from "../auth/next-auth";
import { createContext } from "./context";
import { createCaller } from "./root";

/** The tRPC procedures for server components, as the signed-in operator. */
export async function serverCaller() {
  // Pages act for the session only, whatever headers the browser sent.
  const requestHeaders = new Headers(await headers());
  requestHeaders.delete("authorization");
  return createCaller(createContext({ headers: requestHeaders, getSession }));
}
