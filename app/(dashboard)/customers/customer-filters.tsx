"use client";

import { Search } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** Search (name, e-mail, external ID) and billing-mode filter, kept in the URL. */
export function CustomerFilters({ search, billingMode }: { search: string; billingMode: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [text, setText] = useState(search);

  function apply(next: { search: string; billingMode: string }) {
    const params = new URLSearchParams();
    if (next.search.trim()) params.set("search", next.search.trim());
    if (next.billingMode) params.set("billingMode", next.billingMode);
    const qs = params.toString();
    router.push(qs ? `${pathname}?${qs}` : pathname);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply({ search: text, billingMode });
  }

  return (
    <form onSubmit={onSubmit} role="search" aria-label="Filter customers" className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-60 flex-1 sm:max-w-sm">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" aria-hidden="true" />
        <Input type="search" aria-label="Search customers" placeholder="Name, e-mail or external ID" value={text} onChange={(e) => setText(e.target.value)} className="pl-8" />
      </div>
      <div className="w-44 shrink-0">
        <Select aria-label="Billing mode" value={billingMode} onChange={(e) => apply({ search: text, billingMode: e.target.value })}>
          <option value="">All billing modes</option>
          <option value="postpaid">Postpaid</option>
          <option value="prepaid">Prepaid</option>
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {(search || billingMode) && (
        <Button
          variant="ghost"
          onClick={() => {
            setText("");
            apply({ search: "", billingMode: "" });
          }}
        >
          Clear
        </Button>
      )}
    </form>
  );
}
