// `npm start`: Next.js as a custom server, with the two ingestion endpoints answered before the
// request reaches Next.js. On two cores Next.js' own request handling caps a route at about
// 1,100 requests/s even when it answers 401 without touching the database (docs/benchmarks.md);
// single events are the hottest path there is. The handlers are the same functions the Next
// route handlers call (server/usage/http.ts): same service, same auth, same errors.
import http from "node:http";
import path from "node:path";
import next from "next";
import { REMOTE_ADDRESS_HEADER } from "../../server/auth/client-ip";
import { methodNotAllowed } from "../../server/http/allowed-methods";
import { ingestBatch, ingestSingle, PayloadTooLargeBody, type IngestRequest, type IngestResponse } from "../../server/usage/http";

const INGEST_PATHS = new Set(["/api/v1/events", "/api/v1/events/batch"]);

function fromNodeRequest(req: http.IncomingMessage): IngestRequest {
  const declared = req.headers["content-length"];
  return {
    authorization: req.headers.authorization ?? null,
    contentType: req.headers["content-type"] ?? null,
    contentLength: declared === undefined ? null : Number(declared),
    // Past the limit the rest is drained, not kept, so the 413 can still be answered.
    readBody: async (limit) => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size <= limit) chunks.push(chunk);
      }
      if (size > limit) throw new PayloadTooLargeBody();
      return Buffer.concat(chunks);
    },
  };
}

function send(res: http.ServerResponse, answer: IngestResponse) {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-content-type-options": "nosniff" });
  res.end(body);
}

/**
 * Every request of `npm start`: the client address stamped, methods no route answers refused with
 * 405 + Allow (TRACE would otherwise reach Next.js, whose Request cannot represent it: a 500),
 * the two ingestion endpoints answered here, the rest handed to Next.js.
 */
export function createRequestListener(handle: (req: http.IncomingMessage, res: http.ServerResponse) => unknown): http.RequestListener {
  const ingest: Record<string, (req: IngestRequest) => Promise<IngestResponse>> = { "/api/v1/events": ingestSingle, "/api/v1/events/batch": ingestBatch };
  return (req, res) => {
    // The one client address the app can trust (server/auth/client-ip.ts); a client's copy is replaced.
    req.headers[REMOTE_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    const pathname = (req.url ?? "/").split("?")[0]!;
    if (req.method === "POST" && INGEST_PATHS.has(pathname)) {
      void (async () => {
        try {
          send(res, await ingest[pathname]!(fromNodeRequest(req)));
        } catch (error) {
          console.error(`[easybilling] POST ${pathname} failed:`, error);
          if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", "x-content-type-options": "nosniff" });
          res.end(JSON.stringify({ message: "Internal server error", code: "INTERNAL_SERVER_ERROR", issues: [] }));
        }
      })();
      return;
    }
    const refused = methodNotAllowed(req.method ?? "GET", pathname);
    if (refused) {
      req.resume();
      res.writeHead(refused.status, refused.headers);
      res.end(req.method === "HEAD" ? undefined : refused.body);
      return;
    }
    void handle(req, res);
  };
}

/**
 * Next.js loads every page's server code after starting, in the background (its
 * `preloadEntriesOnStart`): requests arriving meanwhile wait behind that loading or load their
 * page themselves. Waiting for it before listening keeps that cost out of the first requests
 * (the first render of a page still costs more than the next: code runs and compiles on first use).
 */
async function preloadPages(app: ReturnType<typeof next>, log: (line: string) => void) {
  const started = performance.now();
  // The custom-server wrapper holds the NextServer it prepared, which holds the Node.js server
  // whose method Next.js itself calls at start; none of them is public API, hence the checks.
  type NodeServer = { unstable_preloadEntries?: () => Promise<void> };
  const wrapper = (app as unknown as { server?: { getServer?: () => Promise<NodeServer> } }).server;
  const server = typeof wrapper?.getServer === "function" ? await wrapper.getServer() : undefined;
  if (typeof server?.unstable_preloadEntries !== "function") return log("pages are loaded on first use (this Next.js cannot preload them)");
  await server.unstable_preloadEntries();
  log(`pages loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function startProductionServer(options: { port: number; hostname?: string; log: (line: string) => void }): Promise<http.Server> {
  const dir = path.resolve(import.meta.dirname, "../..");
  const app = next({ dev: false, dir, port: options.port, hostname: options.hostname ?? "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  await preloadPages(app, options.log);
  const server = http.createServer(createRequestListener(handle));
  // Keep-alive connections outlive Node's 5 s default between requests of busy clients.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  options.log(`ready on http://localhost:${options.port} (production)`);
  return server;
}
