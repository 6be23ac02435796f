// What the page benches measure with: a browser-like HTTP client (one keep-alive connection, a
// cookie jar, the time to the first and the last byte of each answer) and the CPU time a server
// and its children (the embedded PostgreSQL) used, from /proc.
import http from "node:http";
import { readdir, readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";

/** CPU time (user + system) of a process and all its descendants so far, in ms (Linux /proc; 0 elsewhere). */
export async function treeCpuMs(pid: number): Promise<number> {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    const stat = await readFile(`/proc/${current}/stat`, "utf8").catch(() => null);
    if (!stat) continue;
    // Fields after "(comm)": state is the 3rd field; utime and stime the 14th and 15th, in clock ticks (100/s).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total += (Number(fields[11]) + Number(fields[12])) * 10;
    const tasks = await readdir(`/proc/${current}/task`).catch(() => [] as string[]);
    for (const task of tasks) {
      const children = await readFile(`/proc/${current}/task/${task}/children`, "utf8").catch(() => "");
      for (const child of children.split(/\s+/).filter(Boolean)) stack.push(Number(child));
    }
  }
  return total;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Request sent → first byte of the response / last byte of the response, in ms. */
  firstByteMs: number;
  totalMs: number;
}

/** A browser-like client: one keep-alive connection and a cookie jar. */
export class Browser {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly cookies = new Map<string, string>();
  constructor(private readonly port: number) {}

  request(method: string, pathname: string, body?: { type: string; text: string }): Promise<Answer> {
    const headers: http.OutgoingHttpHeaders = { accept: "text/html,application/json", "accept-encoding": "identity" };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body) Object.assign(headers, { "content-type": body.type, "content-length": Buffer.byteLength(body.text) });
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: this.port, method, path: pathname, agent: this.agent, headers }, (res) => {
        const firstByteMs = performance.now() - start;
        for (const cookie of res.headers["set-cookie"] ?? []) {
          const [pair] = cookie.split(";");
          const eq = pair!.indexOf("=");
          this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), firstByteMs, totalMs: performance.now() - start }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${pathname}: no answer within 60 s`)));
      if (body) req.write(body.text);
      req.end();
    });
  }

  /** next-auth's credentials sign-in, as the sign-in form does it. */
  async signIn(email: string, password: string) {
    const csrf = await this.request("GET", "/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/", json: "true" });
    const answer = await this.request("POST", "/api/auth/callback/credentials", { type: "application/x-www-form-urlencoded", text: form.toString() });
    if (![...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"))) {
      throw new Error(`sign-in as ${email} failed: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
  }

  close() {
    this.agent.destroy();
  }
}
