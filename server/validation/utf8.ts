const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * A request body as text, or null when its bytes are not UTF-8. Decoding leniently would turn
 * every bad byte into U+FFFD and store something the caller never sent.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}
