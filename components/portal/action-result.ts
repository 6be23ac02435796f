/** What a portal server action answers (the shape server/portal/page-session.ts's portalAction gives). */
export type ActionResult = { ok: true; message?: string } | { ok: false; error: string; field?: string };

/** A form's server action, as useActionState calls it. */
export type FormAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult | null>;
