import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decryptSecret, encryptionKey, encryptSecret, last4 } from "@/server/payments/secret-box";

const key = randomBytes(32);
const secret = "sk_test_51Abc0123456789xyzWXYZ";

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = encryptSecret(secret, key);
    const b = encryptSecret(secret, key);
    expect(a).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(decryptSecret(a, key)).toBe(secret);
    expect(decryptSecret(b, key)).toBe(secret);
    expect(decryptSecret(encryptSecret("", key), key)).toBe("");
    expect(decryptSecret(encryptSecret("clé ✓", key), key)).toBe("clé ✓");
  });

  it("detects a changed ciphertext, IV or tag", () => {
    const envelope = encryptSecret(secret, key);
    const [version, iv, tag, ciphertext] = envelope.split(":") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const tampered of [
      [version, iv, tag, flip(ciphertext)],
      [version, flip(iv), tag, ciphertext],
      [version, iv, flip(tag), ciphertext],
    ]) {
      expect(() => decryptSecret(tampered.join(":"), key)).toThrow(/altered, or encrypted with another EASYBILLING_ENCRYPTION_KEY/);
    }
    expect(() => decryptSecret(["v2", iv, tag, ciphertext].join(":"), key)).toThrow(/Not an encrypted secret/);
    expect(() => decryptSecret(secret, key)).toThrow(/Not an encrypted secret/);
    expect(() => decryptSecret([version, iv, tag.slice(0, 10), ciphertext].join(":"), key)).toThrow(/wrong length/);
  });

  it("refuses the wrong key", () => {
    const envelope = encryptSecret(secret, key);
    expect(() => decryptSecret(envelope, randomBytes(32))).toThrow(/could not be decrypted/);
    expect(() => decryptSecret(envelope, randomBytes(16))).toThrow(RangeError);
    expect(() => encryptSecret(secret, randomBytes(31))).toThrow(RangeError);
  });
});

describe("last4", () => {
  it("is the secret's last four characters", () => {
    expect(last4(secret)).toBe("WXYZ");
  });
});

describe("encryptionKey", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads 32 bytes in base64 or base64url", () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
    vi.stubEnv("EASYBILLING_ENCRYPTION_KEY", bytes.toString("base64"));
    expect(encryptionKey().equals(bytes)).toBe(true);
    vi.stubEnv("EASYBILLING_ENCRYPTION_KEY", ` ${bytes.toString("base64url")}\n`);
    expect(encryptionKey().equals(bytes)).toBe(true);
    expect(bytes.toString("base64")).toMatch(/[+/]/);
  });

  it("names the variable when it is missing or not 32 bytes", () => {
    vi.stubEnv("EASYBILLING_ENCRYPTION_KEY", undefined);
    expect(() => encryptionKey()).toThrow(/EASYBILLING_ENCRYPTION_KEY is not set/);
    vi.stubEnv("EASYBILLING_ENCRYPTION_KEY", "");
    expect(() => encryptionKey()).toThrow(/EASYBILLING_ENCRYPTION_KEY is not set/);
    vi.stubEnv("EASYBILLING_ENCRYPTION_KEY", randomBytes(16).toString("base64"));
    expect(() => encryptionKey()).toThrow(/EASYBILLING_ENCRYPTION_KEY must be 32 bytes.*decodes to 16/);
    vi.stubEnv("EASYBILLING_ENCRYPTION_KEY", "not base64 at all, but long enough to be 32 bytes!!");
    expect(() => encryptionKey()).toThrow(/EASYBILLING_ENCRYPTION_KEY must be 32 bytes/);
  });
});
