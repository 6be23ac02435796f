import { describe, expect, it } from "vitest";
import { copyText, copyTimestamp } from "@/server/usage/pg-copy";

describe("copyTimestamp", () => {
  it("writes the same UTC instant as Date#toISOString, to the millisecond", () => {
    const samples = [0, -1, 951_782_400_000 /* 2000-02-29 */, 4_107_542_399_999 /* 2100-02-28T23:59:59.999 */, -62_135_596_800_000 /* 0001-01-01 */, 253_402_300_799_999 /* 9999-12-31T23:59:59.999 */];
    let seed = 42;
    for (let i = 0; i < 5_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      samples.push(Math.floor((seed / 2 ** 31) * 253_402_300_799_999));
    }
    for (const ms of samples) expect(copyTimestamp(ms), String(ms)).toBe(new Date(ms).toISOString().slice(0, 23).replace("T", " "));
  });
});

describe("copyText", () => {
  it("escapes backslash, tab, newline and carriage return, and leaves the rest as is", () => {
    expect(copyText('a\\b\tc\nd\re "x"')).toBe('a\\\\b\\tc\\nd\\re "x"');
    expect(copyText("plain ✓")).toBe("plain ✓");
  });
});
