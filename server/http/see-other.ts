import { NextResponse } from "next/server";

/** A 303 to a path of this app: relative, so it holds whatever host or proxy the browser came through. */
export function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path } });
}
