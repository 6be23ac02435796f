import type pg from "pg";

/**
 * `COPY … FROM STDIN` over pg's own protocol implementation: pg hands a query object with
 * `submit` the connection, so the copy-in sub-protocol (CopyData/CopyDone) can be driven without
 * pg-copy-streams. COPY is PostgreSQL's cheapest way in: rows are written page by page rather
 * than one executor call and WAL record each (the ingestion fast path, the benchmark baseline).
 */
export function copyFrom(client: pg.ClientBase, text: string, chunks: readonly Buffer[]): Promise<number> {
  return runScript(client, text, [chunks]).then((rows) => rows[0] ?? 0);
}

/**
 * Runs a simple-protocol script of several statements in one round trip (no parameters: values
 * are literals), feeding the k-th `COPY … FROM STDIN` of it `copies[k]`. Answers the row count of
 * each COPY. On an error PostgreSQL skips the rest of the script; a transaction it opened is left
 * aborted, for the caller to roll back.
 */
export function runScript(client: pg.ClientBase, text: string, copies: readonly (readonly Buffer[])[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const rows: number[] = [];
    let next = 0;
    let failed = false;
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(text);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(c: Buffer): void; endCopyFrom(): void }) {
        for (const chunk of copies[next++] ?? []) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text?: string }) {
        const copied = /^COPY (\d+)/.exec(msg.text ?? "");
        if (copied) rows.push(Number(copied[1]));
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

/** A SQL string literal (standard_conforming_strings, PostgreSQL's default since 9.1). */
export const sqlLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const SPECIAL = /[\\\n\r\t]/;

/** COPY text format escaping of one column value (NULL is written as `\N` by the caller). */
export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : value;
}

const DAY_MS = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
let lastDay = Number.NaN;
let lastDayText = "";

/** "YYYY-MM-DD" of a day since the epoch, by arithmetic (H. Hinnant's civil_from_days). */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/**
 * A timestamp as PostgreSQL reads it into `timestamp(3)` columns, in UTC as Prisma stores them
 * ("2026-01-10 12:00:00.000"), for years 0–9999. Computed without Date objects: a batch formats
 * thousands, and Next.js wraps the Date constructor of the process it runs in.
 */
export function copyTimestamp(epochMs: number): string {
  const days = Math.floor(epochMs / DAY_MS);
  if (days !== lastDay) {
    lastDay = days;
    lastDayText = civilDate(days);
  }
  let rest = epochMs - days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  return `${lastDayText} ${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1_000)}`;
}
