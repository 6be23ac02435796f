import type pg from "pg";

/**
 * `COPY … FROM STDIN` over pg's own protocol implementation: pg hands a query object with
 * `submit` the connection, so the copy-in sub-protocol (CopyData/CopyDone) can be driven without
 * pg-copy-streams. COPY is PostgreSQL's cheapest way in: rows are written page by page rather
 * than one executor call and WAL record each (the ingestion fast path, the benchmark baseline).
 */
export function copyFrom(client: pg.ClientBase, text: string, chunks: readonly Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed = false;
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(text);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(c: Buffer): void; endCopyFrom(): void }) {
        for (const chunk of chunks) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text?: string }) {
        rows = Number(/COPY (\d+)/.exec(msg.text ?? "")?.[1] ?? 0);
      },
      handleReadyForQuery() {
        if (!failed) resolve(rows);
      },
      handleError(error: Error) {
        failed = true;
        reject(error);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handleCopyData() {},
    };
    (client as unknown as { query(s: unknown): void }).query(submittable);
  });
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const SPECIAL = /[\\\n\r\t]/;

/** COPY text format escaping of one column value (NULL is written as `\N` by the caller). */
export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : value;
}

/** A timestamp as COPY reads it into `timestamp(3)` columns (stored in UTC, as Prisma does). */
export function copyTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23).replace("T", " ");
}
