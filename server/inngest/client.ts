import { Inngest } from "inngest";
import { env } from "../env";

export const inngest = new Inngest({
  id: "easybilling",
  // Without Inngest Cloud keys the SDK talks to a local dev server (when INNGEST_DEV is set).
  isDev: !env.INNGEST_SIGNING_KEY,
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
});
