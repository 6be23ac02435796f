// EasyBilling command line. Output on stdout is machine-readable JSON (one line per command);
// diagnostics go to stderr. Usage: npm run --silent cli -- <command> [options]
import { parseArgs } from "node:util";
import { openDatabase } from "./lib/database";

const USAGE = `usage: npm run --silent cli -- <command>
  bootstrap --org <name> --email <email> --password <password>   organization + owner + API key
  billing-run --org <organizationId> [--as-of <ISO timestamp>]     invoice every period ended by then
  migrate                                                         apply pending migrations`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function bootstrap(args: string[]) {
  const { values } = parseArgs({ args, options: { org: { type: "string" }, email: { type: "string" }, password: { type: "string" } } });
  const { ZSignUpInput } = await import("../server/organizations/schemas");
  const parsed = ZSignUpInput.safeParse({ organizationName: values.org, email: values.email, password: values.password });
  if (!parsed.success) {
    const names: Record<string, string> = { organizationName: "--org", email: "--email", password: "--password" };
    fail(parsed.error.issues.map((i) => `${names[String(i.path[0])] ?? i.path.join(".")}: ${i.message}`).join("\n") + "\n" + USAGE, 2);
  }
  const database = await openDatabase();
  process.env.NEXTAUTH_SECRET ??= "cli-does-not-sign-sessions-but-env-needs-32-chars";
  const { db } = await import("../server/db");
  const { signUp } = await import("../server/organizations/sign-up");
  const { createApiKey } = await import("../server/auth/api-keys");
  try {
    const { organizationId, userId } = await signUp(db, parsed.data);
    const key = await createApiKey(
      { db, organizationId, actor: { type: "user", userId, email: parsed.data.email, role: "owner" } },
      { name: "Bootstrap key" },
    );
    process.stdout.write(JSON.stringify({ organizationId, apiKey: key.secret }) + "\n");
  } catch (error) {
    fail(`bootstrap failed: ${(error as Error).message}`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

async function billingRun(args: string[]) {
  const { values } = parseArgs({ args, options: { org: { type: "string" }, "as-of": { type: "string" } } });
  if (!values.org) fail(`--org: is required (an organization id)\n${USAGE}`, 2);
  const asOf = values["as-of"] ? new Date(values["as-of"]) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) fail(`--as-of: must be an ISO 8601 timestamp\n${USAGE}`, 2);
  const database = await openDatabase();
  process.env.NEXTAUTH_SECRET ??= "cli-does-not-sign-sessions-but-env-needs-32-chars";
  const { db } = await import("../server/db");
  const { runBilling } = await import("../server/invoicing/run-billing");
  try {
    const organization = await db.organization.findUnique({ where: { id: values.org } });
    if (!organization) fail(`--org: no organization ${values.org}`, 2);
    const result = await runBilling({ db, organizationId: organization.id, actor: { type: "system", name: "cli" } }, { asOf });
    process.stdout.write(JSON.stringify(result) + "\n");
    await deliverEvents(organization.id);
  } catch (error) {
    fail(`billing-run failed: ${(error as Error).message}`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

/**
 * The run's events (invoice e-mails, webhooks) are recorded with its invoices; this process
 * delivers them before it stops the database. Whatever is left (a receiver down) stays recorded
 * and the server's relay delivers it when it next runs.
 */
async function deliverEvents(organizationId: string) {
  const { db } = await import("../server/db");
  const { startJobs } = await import("../server/inngest/start-jobs");
  const { stopEventRelay } = await import("../server/events/relay");
  const { waitForEvents } = await import("../server/events/settled");
  await startJobs({ log: (line) => console.error(`[events] ${line}`) });
  try {
    await waitForEvents(db, { organizationId, timeoutMs: 120_000 });
  } catch (error) {
    console.error(`${(error as Error).message}; the server delivers them when it next runs`);
  } finally {
    await stopEventRelay();
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "bootstrap") return bootstrap(rest);
  if (command === "billing-run") return billingRun(rest);
  if (command === "migrate") {
    const database = await openDatabase({ log: (l) => console.error(l) });
    await database.stop();
    process.stdout.write(JSON.stringify({ migrated: true }) + "\n");
    return;
  }
  fail(USAGE, 2);
}

main().catch((error: unknown) => fail((error as Error).message));
