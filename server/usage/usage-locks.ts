// Advisory lock names of the usage pipeline (pg_advisory_xact_lock on hashtextextended(name, 0)).

/** Shared by every batch of an organization; a metric's rollup rebuild takes it exclusively. */
export const ingestionLockKey = (organizationId: string) => `easybilling:ingest:${organizationId}`;

/** One settler of pending rollup deltas at a time, across processes; a metric rebuild takes it too. */
export const SETTLE_LOCK_KEY = "easybilling:rollup-settle";
