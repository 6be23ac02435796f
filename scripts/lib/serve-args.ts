import { parseArgs } from "node:util";

export interface ServeArgs {
  mode: "dev" | "start";
  port: number;
  seed: boolean | undefined;
  noSeed: boolean | undefined;
}

/**
 * `tsx scripts/serve.ts dev|start [-p|--port N] [--seed] [--no-seed]`: the port as Next.js's own CLI
 * takes it (`-p 4000`, `--port 4000`, `--port=4000`, `-p4000`, and `-p=4000` too), else $PORT, else 3000.
 */
export function parseServeArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ServeArgs {
  const { positionals, values, tokens } = parseArgs({
    args: [...args],
    allowPositionals: true,
    tokens: true,
    options: { port: { type: "string", short: "p" }, seed: { type: "boolean" }, "no-seed": { type: "boolean" } },
  });
  // parseArgs reads `-p=4000` as the short option with the value "=4000".
  const shortInline = tokens.some((t) => t.kind === "option" && t.rawName === "-p" && t.inlineValue);
  const given = shortInline ? values.port?.replace(/^=/, "") : values.port;
  return {
    mode: positionals[0] === "start" ? "start" : "dev",
    port: toPort(given ?? (env.PORT || "3000")),
    seed: values.seed,
    noSeed: values["no-seed"],
  };
}

function toPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`Invalid port "${text}": expected a whole number from 1 to 65535`);
  }
  return port;
}
