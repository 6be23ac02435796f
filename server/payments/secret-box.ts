// Gateway secrets (Stripe secret keys, webhook signing secrets) are stored encrypted, with AES-256-GCM
// from node:crypto: OpenSSL underneath, maintained with Node itself, nothing to add to the
// dependency tree. GCM authenticates as well as encrypts, so a changed byte or the wrong key is an
// error, never a quietly wrong secret sent to Stripe. A fresh random 12-byte IV per encryption is
// GCM's requirement; the version prefix is bound in as associated data, so it cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_VARIABLE = "EASYBILLING_ENCRYPTION_KEY";

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`An encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

/** `v1:<iv>:<tag>:<ciphertext>`, each part base64url. */
export function encryptSecret(plain: string, key: Buffer): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptSecret(envelope: string, key: Buffer): string {
  checkKey(key);
  const parts = envelope.split(":");
  const [version, ivText, tagText, ciphertextText] = parts;
  if (parts.length !== 4 || version !== VERSION || ivText === undefined || tagText === undefined || ciphertextText === undefined) {
    throw new Error(`Not an encrypted secret (expected ${VERSION}:<iv>:<tag>:<ciphertext>)`);
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("Not an encrypted secret (IV or tag of the wrong length)");
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new Error(`The secret could not be decrypted: it was altered, or encrypted with another ${KEY_VARIABLE}`, { cause: error });
  }
}

/** What the settings page shows of a stored secret ("…" + these four characters). */
export function last4(secret: string): string {
  return secret.slice(-4);
}

const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/**
 * The 32-byte key from EASYBILLING_ENCRYPTION_KEY, base64 or base64url (`openssl rand -base64 32`).
 * Read when a secret is encrypted or decrypted, not at boot: installations without a gateway
 * secret need no key.
 */
export function encryptionKey(): Buffer {
  const value = process.env[KEY_VARIABLE]?.trim();
  if (!value) throw new Error(`${KEY_VARIABLE} is not set: it must hold 32 random bytes in base64 (openssl rand -base64 32)`);
  // Buffer.from skips characters outside the alphabet, so check the alphabet first.
  const key = BASE64.test(value) ? Buffer.from(value, "base64") : undefined;
  if (key?.length !== KEY_BYTES) {
    throw new Error(`${KEY_VARIABLE} must be ${KEY_BYTES} bytes in base64 or base64url (openssl rand -base64 32)${key ? `, it decodes to ${key.length}` : ""}`);
  }
  return key;
}
