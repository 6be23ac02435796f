import { Invalid, PayloadTooLarge } from "../errors";
import { MAX_REST_BODY_BYTES } from "../validation/limits";
import { readBodyBytes } from "../validation/request-body";
import { decodeUtf8 } from "../validation/utf8";

export type RestBody = { ok: true; text: string } | { ok: false; error: PayloadTooLarge | Invalid };

/**
 * A REST request's body, read once: at most MAX_REST_BODY_BYTES (a larger declared or sent body is
 * a 413 before any parsing), and UTF-8 only (a bad byte is a 400, never a U+FFFD stored in its place).
 */
export async function readRestBody(request: Request): Promise<RestBody> {
  const tooLarge = () => ({ ok: false, error: new PayloadTooLarge(`Request body is larger than the limit of ${MAX_REST_BODY_BYTES / 1024 / 1024} MiB`) }) as const;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_REST_BODY_BYTES) return tooLarge();
  const bytes = await readBodyBytes(request, MAX_REST_BODY_BYTES);
  if (bytes === null) return tooLarge();
  const text = decodeUtf8(bytes);
  return text === null ? { ok: false, error: new Invalid([], "Request body is not valid UTF-8") } : { ok: true, text };
}
