// A change as the audit log summarized it: `{ before, after }` becomes "field: old → new" rows;
// other keys of the summary (a code, an id, an amount) are shown as they are.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const isRecord = (value: unknown): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);

function show(value: Json | undefined): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.length ? value.join(", ") : "none";
  return JSON.stringify(value);
}

const isEmpty = (value: Json | undefined) => value === undefined || value === null || (isRecord(value) && Object.keys(value).length === 0);

/** A field name in words: "lowBalanceThreshold" → "low balance threshold". */
const words = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

export function AuditChange({ data }: { data: unknown }) {
  if (!isRecord(data)) return data === null || data === undefined ? <span className="text-zinc-400">—</span> : <span>{show(data as Json)}</span>;
  const before = isRecord(data.before) ? data.before : {};
  const after = isRecord(data.after) ? data.after : {};
  const created = Object.keys(before).length === 0;
  // A creation lists what was set: fields left empty say nothing.
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !created || !isEmpty(after[f]));
  const facts = Object.entries(data).filter(([key]) => key !== "before" && key !== "after");
  if (fields.length === 0 && facts.length === 0) return <span className="text-zinc-400">—</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[13px]">
      {fields.map((field) => (
        <div key={`c-${field}`} className="contents">
          <dt className="text-zinc-500">{words(field)}</dt>
          <dd className="min-w-0 break-words text-zinc-900">
            {created || !(field in before) ? (
              <span>{show(after[field])}</span>
            ) : (
              <>
                <span className="text-zinc-500 line-through decoration-zinc-300">{show(before[field])}</span>
                <span aria-label="changed to" className="px-1 text-zinc-400">
                  →
                </span>
                <span>{field in after ? show(after[field]) : "—"}</span>
              </>
            )}
          </dd>
        </div>
      ))}
      {facts.map(([key, value]) => (
        <div key={`f-${key}`} className="contents">
          <dt className="text-zinc-500">{words(key)}</dt>
          <dd className="min-w-0 break-words text-zinc-700">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
