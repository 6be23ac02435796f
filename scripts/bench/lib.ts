// Small helpers for the benchmarks: a keep-alive HTTP client on node:http (no extra packages,
// less client CPU per request than fetch, which matters when client, server and PostgreSQL
// share two cores), percentiles, COPY FROM STDIN (the app's own, server/usage/pg-copy.ts), and table output.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

export class HttpClient {
  readonly agent: http.Agent;
  constructor(
    readonly port: number,
    readonly apiKey: string,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: string, path: string, body?: string, contentType = "application/json"): Promise<HttpResult> {
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${this.apiKey}` };
      if (body !== undefined) {
        headers["content-type"] = contentType;
        headers["content-length"] = Buffer.byteLength(body);
      }
      const req = http.request({ host: "127.0.0.1", port: this.port, method, path: `/api/v1${path}`, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - start }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: no answer within 120 s`)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown, expect: number[] = [200, 201, 202]): Promise<T> {
    const res = await this.request(method, path, body === undefined ? undefined : JSON.stringify(body));
    if (!expect.includes(res.status)) throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 500)}`);
    return JSON.parse(res.body) as T;
  }

  close() {
    this.agent.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export const sortNumbers = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** Runs `worker(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool<T>(count: number, concurrency: number, worker: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        results[i] = await worker(i);
      }
    }),
  );
  return results;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { copyFrom, copyText } from "../../server/usage/pg-copy";

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
  return [line(header), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)].join("\n");
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Stops a server a bench started: SIGTERM, then SIGKILL if it has not exited within 15 s. */
export async function stopChild(child: import("node:child_process").ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}
