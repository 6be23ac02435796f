"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { CommandPalette, SearchButton, type PaletteItem } from "@/components/layout/command-palette";
import { formErrors, trpc } from "../_trpc/client";

const DEBOUNCE_MS = 120;

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The header's search: ⌘K / Ctrl+K or the button opens the palette; it asks `search.query` as you type. */
export function GlobalSearch() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<{ query: string; items: PaletteItem[]; error: string | null }>({ query: "", items: [], error: null });
  const [active, setActive] = useState(0);
  // The shortcut's label depends on the platform, known only in the browser.
  const shortcut = useSyncExternalStore(
    () => () => undefined,
    () => (isMac() ? "⌘K" : "Ctrl K"),
    () => "Ctrl K",
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const trimmed = query.trim();
  useEffect(() => {
    if (!trimmed) return;
    let current = true;
    const timer = setTimeout(() => {
      trpc.search.query
        .query({ q: trimmed })
        .then((items) => current && (setResult({ query: trimmed, items, error: null }), setActive(0)))
        .catch((error: unknown) => current && setResult({ query: trimmed, items: [], error: formErrors(error).message }));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed]);

  const items = trimmed ? result.items : [];
  const close = () => setOpen(false);
  const choose = (item: PaletteItem) => {
    setOpen(false);
    setQuery("");
    router.push(item.href);
  };

  return (
    <>
      <SearchButton onClick={() => setOpen(true)} shortcut={shortcut} />
      <CommandPalette
        open={open}
        onClose={close}
        query={query}
        onQueryChange={setQuery}
        items={items}
        active={Math.min(active, items.length - 1)}
        onActiveChange={setActive}
        onChoose={choose}
        loading={Boolean(trimmed) && result.query !== trimmed}
        error={trimmed ? result.error : null}
      />
    </>
  );
}
