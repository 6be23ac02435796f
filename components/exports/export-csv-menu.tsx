"use client";

import { ChevronDown, Download } from "lucide-react";
import { useId, useState } from "react";
import { buttonClasses } from "../ui/button";
import { Field } from "../ui/field";
import { Input } from "../ui/input";

export interface ExportChoice {
  /** The export's kind in `/api/v1/exports/{kind}.csv`. */
  kind: string;
  label: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The export's URL: the page's days are both included, the API's `to` is not. */
export function exportHref(kind: string, from: string, to: string): string {
  const query = new URLSearchParams();
  if (DAY.test(from)) query.set("from", from);
  if (DAY.test(to)) query.set("to", nextDay(to));
  const text = query.toString();
  return `/api/v1/exports/${kind}.csv${text ? `?${text}` : ""}`;
}

/**
 * "Export CSV" on a list page: an optional range of UTC days, then a link per export. The browser
 * follows the link with the operator's session, and the file streams from the server.
 */
export function ExportCsvMenu({ choices }: { choices: ExportChoice[] }) {
  const id = useId();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const reversed = DAY.test(from) && DAY.test(to) && to < from;
  return (
    <details className="group relative">
      <summary className={buttonClasses({ variant: "secondary", className: "cursor-pointer list-none [&::-webkit-details-marker]:hidden" })}>
        <Download aria-hidden="true" />
        Export CSV
        <ChevronDown aria-hidden="true" className="transition-transform group-open:rotate-180" />
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-200 bg-white p-4 shadow-lg shadow-zinc-900/10">
        <div className="grid grid-cols-2 gap-3">
          <Field label="From" htmlFor={`${id}-from`} hint="UTC day">
            <Input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="To" htmlFor={`${id}-to`} hint="included" error={reversed ? "before From" : undefined}>
            <Input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <p className="mt-2 text-[12.5px] text-zinc-500">Leave both empty for everything.</p>
        <div className="mt-3 flex flex-col gap-2">
          {choices.map((choice) => (
            <a
              key={choice.kind}
              href={reversed ? undefined : exportHref(choice.kind, from, to)}
              aria-disabled={reversed || undefined}
              download
              className={buttonClasses({ variant: "primary", size: "sm", className: reversed ? "pointer-events-none opacity-50" : "" })}
            >
              <Download aria-hidden="true" />
              {choice.label}
            </a>
          ))}
        </div>
      </div>
    </details>
  );
}
