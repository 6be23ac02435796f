import type { ReactNode } from "react";
import { cn } from "../ui/cn";
import { ProductMark } from "./product-mark";
import { ShellFrame } from "./shell-frame";
import { SidebarNav, type NavSection } from "./sidebar-nav";

export { SidebarNav, type NavIcon, type NavItem, type NavSection } from "./sidebar-nav";

export interface AppShellProps {
  organizationName: string;
  /** The sidebar navigation: either a ready element (e.g. a client component computing the active item)… */
  nav?: ReactNode;
  /** …or the sections to render with SidebarNav. */
  sections?: readonly NavSection[];
  user: { email: string; role: string; name?: string };
  /** The sign-out control; the caller wires next-auth. */
  signOut: ReactNode;
  /** Page-level actions in the top bar, left of the user. */
  actions?: ReactNode;
  /** The left part of the top bar (a search, an environment switch, breadcrumbs). */
  topBar?: ReactNode;
  /** Bottom of the sidebar (help link, environment note). */
  sidebarFooter?: ReactNode;
  children: ReactNode;
}

function initials(text: string) {
  const words = text.replace(/@.*/, "").split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "") + (words[1]?.[0] ?? "")).toUpperCase() || "?";
}

/** The dashboard frame: sidebar (mark, organization, navigation), top bar (actions, user, sign out), main column. */
export function AppShell({ organizationName, nav, sections, user, signOut, actions, topBar, sidebarFooter, children }: AppShellProps) {
  const sidebar = (
    <>
      <div className="flex h-14 shrink-0 items-center px-4">
        <ProductMark />
      </div>
      <div className="px-3 pb-3">
        <div className="flex items-center gap-2.5 rounded-lg border border-zinc-200 bg-zinc-50/80 px-2.5 py-2" title={organizationName}>
          <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-zinc-900 text-2xs font-semibold text-white" aria-hidden="true">
            {initials(organizationName)}
          </span>
          <span className="min-w-0">
            <span className="block text-2xs leading-4 font-medium text-zinc-500">Organization</span>
            <span className="block truncate text-sm leading-5 font-semibold text-zinc-900">{organizationName}</span>
          </span>
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 pt-2 pb-4">{nav ?? (sections ? <SidebarNav sections={sections} /> : null)}</div>
      {sidebarFooter && <div className="shrink-0 border-t border-zinc-200 px-3 py-3">{sidebarFooter}</div>}
    </>
  );

  const topBarEnd = (
    <>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
      {actions && <span className="hidden h-5 w-px bg-zinc-200 sm:block" aria-hidden="true" />}
      <div className="flex min-w-0 items-center gap-2.5">
        <span
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-100 text-2xs font-semibold text-brand-800 ring-1 ring-brand-200"
          aria-hidden="true"
        >
          {initials(user.name ?? user.email)}
        </span>
        <span className="hidden min-w-0 flex-col sm:flex">
          <span className="max-w-56 truncate text-sm leading-4 font-medium text-zinc-900">{user.name ?? user.email}</span>
          <span className={cn("text-2xs leading-4 text-zinc-500 capitalize")}>
            {user.name ? `${user.email} · ${user.role}` : user.role}
          </span>
        </span>
      </div>
      {signOut}
    </>
  );

  return (
    <ShellFrame sidebar={sidebar} topBar={topBar} topBarEnd={topBarEnd}>
      {children}
    </ShellFrame>
  );
}
