"use client";

import { X } from "lucide-react";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { Alert } from "./alert";

/** Shows a short confirmation after an action ("Credits granted: $100.00."). */
export type Notify = (message: string) => void;

const NoticeContext = createContext<Notify>(() => {});

/** The confirmation of the last action, at the bottom of the screen: announced politely, dismissed by a click or after a while. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<{ id: number; message: string } | null>(null);
  const notify = useCallback<Notify>((message) => setNotice((previous) => ({ id: (previous?.id ?? 0) + 1, message })), []);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice((current) => (current?.id === notice.id ? null : current)), 8000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-4 z-[70] flex justify-center px-4 sm:justify-end sm:px-6" data-testid="notice">
        {notice && (
          <Alert
            key={notice.id}
            tone="success"
            className="pointer-events-auto w-full max-w-sm animate-fade-in bg-emerald-50 shadow-overlay"
            action={
              <button type="button" onClick={() => setNotice(null)} className="rounded-md p-1 text-emerald-700 hover:bg-emerald-100" aria-label="Dismiss">
                <X className="size-4" aria-hidden="true" />
              </button>
            }
          >
            {notice.message}
          </Alert>
        )}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotice(): Notify {
  return useContext(NoticeContext);
}
