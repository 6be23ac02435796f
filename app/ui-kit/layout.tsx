import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { env } from "@/server/env";

// The style guide renders every component with made-up figures: a page for developers, never part
// of a production build (it answers 404 there), and marked as sample data wherever it is served.
export const dynamic = "force-dynamic";

export default function UiKitLayout({ children }: { children: ReactNode }) {
  if (env.NODE_ENV === "production") notFound();
  return (
    <>
      <p role="note" className="sticky top-0 z-[60] border-b border-amber-300 bg-amber-100 px-4 py-1.5 text-center text-[13px] font-medium text-amber-950">
        Style guide for developers: every figure, name and button on these pages is sample data, not your account. Not served in production builds.
      </p>
      {children}
    </>
  );
}
