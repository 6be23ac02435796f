"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "../ui/cn";
import { ProductMark } from "./product-mark";

export interface ShellFrameProps {
  sidebar: ReactNode;
  topBar?: ReactNode;
  topBarEnd: ReactNode;
  children: ReactNode;
}

/**
 * The responsive frame behind AppShell: a full-height sidebar column from `lg` up, a drawer behind a menu button below.
 * The sidebar is rendered once (hidden on small screens until opened) so links are never duplicated.
 */
export function ShellFrame({ sidebar, topBar, topBarEnd, children }: ShellFrameProps) {
  const pathname = usePathname();
  // The drawer remembers the page it was opened on, so navigating anywhere closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn !== null && openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpenOn(null);
        menuRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="min-h-dvh lg:flex">
      {open && <div className="fixed inset-0 z-40 animate-fade-in bg-zinc-950/30 backdrop-blur-[1px] lg:hidden" onClick={() => setOpen(false)} aria-hidden="true" />}
      <aside
        id="app-sidebar"
        aria-label="Sidebar"
        className={cn(
          // Below lg a drawer over the page. From lg a column of the page's own height (so its border
          // and background run to the bottom of a long page, in full-page screenshots too) whose
          // content sticks to the viewport while the page scrolls.
          "fixed inset-y-0 left-0 z-50 w-72 max-w-[85vw] border-r border-zinc-200 bg-white lg:static lg:block lg:w-60 lg:max-w-none lg:shrink-0",
          open ? "block animate-slide-in shadow-overlay lg:animate-none lg:shadow-none" : "hidden",
        )}
      >
        <button
          ref={closeRef}
          type="button"
          onClick={() => setOpen(false)}
          className="absolute top-3.5 right-3 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 lg:hidden"
          aria-label="Close navigation"
        >
          <X className="size-4" aria-hidden="true" />
        </button>
        <div className="flex h-full flex-col lg:sticky lg:top-0 lg:h-dvh">{sidebar}</div>
      </aside>
      <div className="flex min-h-dvh min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur supports-[backdrop-filter]:bg-white/80 sm:px-6 lg:px-8">
          <button
            ref={menuRef}
            type="button"
            onClick={() => setOpen(true)}
            className="-ml-1.5 rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 lg:hidden"
            aria-label="Open navigation"
            aria-expanded={open}
            aria-controls="app-sidebar"
          >
            <Menu className="size-5" aria-hidden="true" />
          </button>
          <ProductMark compact className="sm:hidden" />
          <ProductMark className="hidden sm:flex lg:hidden" />
          <div className="flex min-w-0 flex-1 items-center gap-3">{topBar}</div>
          <div className="flex shrink-0 items-center gap-2 sm:gap-3">{topBarEnd}</div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">{children}</main>
      </div>
    </div>
  );
}
