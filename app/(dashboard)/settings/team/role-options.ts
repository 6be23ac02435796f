export type RoleName = "owner" | "admin" | "billing" | "viewer";

export const ROLE_OPTIONS: { value: RoleName; label: string }[] = [
  { value: "owner", label: "Owner" },
  { value: "admin", label: "Admin" },
  { value: "billing", label: "Billing" },
  { value: "viewer", label: "Viewer" },
];

/** Ownership is transferred, never sent by e-mail. */
export const INVITE_ROLE_OPTIONS = ROLE_OPTIONS.filter((r) => r.value !== "owner");
