"use client";

import { FileText, Gauge, Layers, Search, User } from "lucide-react";
import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { cn } from "../ui/cn";
import { Spinner } from "../ui/spinner";

export type PaletteKind = "customer" | "invoice" | "plan" | "metric";

export interface PaletteItem {
  kind: PaletteKind;
  title: string;
  detail: string;
  href: string;
}

const GROUPS: { kind: PaletteKind; label: string; icon: typeof User }[] = [
  { kind: "customer", label: "Customers", icon: User },
  { kind: "invoice", label: "Invoices", icon: FileText },
  { kind: "plan", label: "Plans", icon: Layers },
  { kind: "metric", label: "Metrics", icon: Gauge },
];

export interface CommandPaletteProps {
  open: boolean;
  onClose: () => void;
  query: string;
  onQueryChange: (query: string) => void;
  items: readonly PaletteItem[];
  /** The highlighted item's index in `items` (arrow keys move it). */
  active: number;
  onActiveChange: (index: number) => void;
  onChoose: (item: PaletteItem) => void;
  loading: boolean;
  /** Shown instead of results (a failed search). */
  error?: string | null;
}

/**
 * The ⌘K search: a modal dialog holding a combobox (the query) that controls a listbox of results
 * grouped by kind. Arrow keys move the highlight, Enter opens it, Escape closes; on a phone it
 * fills the top of the screen.
 */
export function CommandPalette({ open, onClose, query, onQueryChange, items, active, onActiveChange, onChoose, loading, error }: CommandPaletteProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const titleId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      inputRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (items.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      onActiveChange((active + step + items.length) % items.length);
    } else if (event.key === "Enter") {
      const item = items[active];
      if (item) {
        event.preventDefault();
        onChoose(item);
      }
    }
  };

  const trimmed = query.trim();
  const status = error ? error : loading && items.length === 0 ? "Searching…" : trimmed && items.length === 0 ? `Nothing matches “${trimmed}”.` : !trimmed ? "Customers by name, e-mail or external id; invoices by number; plans and metrics by code." : null;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === dialogRef.current) onClose();
      }}
      className="m-0 mx-auto mt-0 max-h-dvh w-full max-w-none overflow-visible bg-transparent p-0 backdrop:bg-zinc-950/30 backdrop:backdrop-blur-[1px] sm:mt-[12vh] sm:max-w-xl sm:px-4"
    >
      {/* Rendered only while open: a closed palette's search field must not be one more "Customer" or "Metric" field on every page. */}
      {open && (
        <div className="flex max-h-dvh flex-col overflow-hidden border-zinc-200 bg-white shadow-overlay sm:max-h-[70vh] sm:rounded-xl sm:border">
          <h2 id={titleId} className="sr-only">
            Jump to
          </h2>
          <div className="flex items-center gap-2 border-b border-zinc-200 px-4">
            <Search className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
            <input
              ref={inputRef}
              type="text"
              role="combobox"
              aria-label="Search customers, invoices, plans and metrics"
              aria-expanded={items.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={active >= 0 && items[active] ? optionId(active) : undefined}
              value={query}
              onChange={(event) => onQueryChange(event.target.value)}
              onKeyDown={onKeyDown}
              placeholder="Search customers, invoices, plans, metrics…"
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
              className="h-14 min-w-0 flex-1 bg-transparent text-base text-zinc-900 outline-none placeholder:text-zinc-400 sm:text-sm"
            />
            {loading && <Spinner className="size-4 text-zinc-400" />}
            <button type="button" onClick={onClose} className="rounded-md border border-zinc-200 px-1.5 py-0.5 text-2xs font-medium text-zinc-500 hover:bg-zinc-50">
              Esc
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto p-2">
            <ul id={listId} role="listbox" aria-label="Results" className={cn(items.length === 0 && "hidden")}>
              {GROUPS.map((group) => {
                const members = items.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === group.kind);
                if (members.length === 0) return null;
                const Icon = group.icon;
                return (
                  <li key={group.kind} role="presentation">
                    <p className="px-2 pt-2 pb-1 text-2xs font-semibold tracking-wide text-zinc-500 uppercase" aria-hidden="true">
                      {group.label}
                    </p>
                    <ul role="group" aria-label={group.label}>
                      {members.map(({ item, index }) => (
                        <li
                          key={item.href}
                          id={optionId(index)}
                          role="option"
                          aria-selected={index === active}
                          onMouseMove={() => index !== active && onActiveChange(index)}
                          onClick={() => onChoose(item)}
                          className={cn("flex cursor-pointer items-center gap-3 rounded-md px-2 py-2", index === active ? "bg-brand-50 text-brand-900" : "text-zinc-800")}
                        >
                          <Icon className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
                          <span className="min-w-0 flex-1">
                            <span className="block truncate text-sm font-medium">{item.title}</span>
                            <span className="block truncate text-xs text-zinc-500">{item.detail}</span>
                          </span>
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
            {status && (
              <p role="status" className="px-2 py-6 text-center text-sm text-zinc-500">
                {status}
              </p>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}

/** The top bar's search button: a field-like button on wide screens, an icon on phones. */
export function SearchButton({ onClick, shortcut }: { onClick: () => void; shortcut: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-haspopup="dialog"
      aria-keyshortcuts="Meta+K Control+K"
      className="flex h-9 items-center gap-2 rounded-md border border-zinc-200 bg-white px-2.5 text-sm text-zinc-500 shadow-xs hover:border-zinc-300 hover:text-zinc-700 sm:w-72"
    >
      <Search className="size-4 shrink-0" aria-hidden="true" />
      <span className="sr-only sm:not-sr-only sm:flex-1 sm:text-left">Jump to…</span>
      <kbd className="hidden rounded border border-zinc-200 bg-zinc-50 px-1.5 font-sans text-2xs text-zinc-500 sm:inline">{shortcut}</kbd>
    </button>
  );
}
