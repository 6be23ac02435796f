import { describe, expect, it } from "vitest";
import { parseServeArgs } from "@/scripts/lib/serve-args";

describe("npm start / npm run dev arguments", () => {
  it.each([
    [["start", "-p", "4000"]],
    [["start", "--port", "4000"]],
    [["start", "--port=4000"]],
    [["start", "-p=4000"]],
    [["start", "-p4000"]],
  ])("%j → port 4000", (args) => {
    expect(parseServeArgs(args, { PORT: "5000" })).toEqual({ mode: "start", port: 4000, seed: undefined, noSeed: undefined });
  });

  it("falls back to $PORT, then 3000", () => {
    expect(parseServeArgs(["start"], { PORT: "5000" }).port).toBe(5000);
    expect(parseServeArgs(["dev"], {}).port).toBe(3000);
    expect(parseServeArgs(["dev"], { PORT: "" }).port).toBe(3000);
  });

  it("reads the mode and the seed switches", () => {
    expect(parseServeArgs(["dev", "--seed"], {})).toMatchObject({ mode: "dev", seed: true, noSeed: undefined });
    expect(parseServeArgs(["start", "--no-seed", "-p", "8080"], {})).toMatchObject({ mode: "start", port: 8080, noSeed: true });
    expect(parseServeArgs([], {}).mode).toBe("dev");
  });

  it.each([[["start", "-p", "http"]], [["start", "--port=0"]], [["start", "-p", "70000"]], [["start", "--port", "40.5"]]])("refuses %j", (args) => {
    expect(() => parseServeArgs(args, {})).toThrow(/Invalid port/);
  });

  it("refuses an unknown option", () => {
    expect(() => parseServeArgs(["start", "--hostname", "x"], {})).toThrow(/Unknown option/);
  });
});
