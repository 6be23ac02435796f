// The demo organization's customers and the usage they generate: deterministic (a seeded
// pseudo-random generator per customer), laid out relative to a given `now`.
import { DateTime } from "luxon";

export type DemoPlan = "starter" | "scale" | "growth-eur" | "team-gbp" | "standard-jpy" | "prepaid-usd" | "prepaid-eur";

export interface DemoCustomer {
  externalId: string;
  name: string;
  email: string;
  currency: string;
  timezone: string;
  billingMode: "postpaid" | "prepaid";
  taxRate?: string;
  address?: { line1?: string; city?: string; postalCode?: string; state?: string; country?: string };
  metadata?: Record<string, string>;
  lowBalanceThreshold?: string;
  plan: DemoPlan;
  /** Months before the current one the contract starts (its first local day), and an optional day offset. */
  startMonthsAgo: number;
  startDay?: number;
  billingAnchor?: "calendar" | "anniversary";
  /** LLM calls per day at the start (grows month by month). */
  callsPerDay: number;
  /** Monthly growth factor of the call volume. */
  growth: number;
  /** Relative weights of gpt-4o, gpt-4o-mini, claude-sonnet, llama-3-70b. */
  models: [number, number, number, number];
  /** Relative weights of us, eu, apac. */
  regions: [number, number, number];
  /** Distinct end users calling the customer's product. */
  users: number;
  /** Payments processed per day (Scale plan's percentage fee). */
  paymentsPerDay?: number;
  /** Prepaid: credits bought at the start of each month. */
  monthlyTopUp?: string;
  /** Postpaid: a promotional credit granted with the contract. */
  launchCredit?: string;
}

export const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet", "llama-3-70b"] as const;
export const REGIONS = ["us", "eu", "apac"] as const;

/** A dozen customers: prepaid and postpaid, four currencies, timezones around the world. */
export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    externalId: "hooli",
    name: "Hooli Cloud",
    email: "billing@hooli.example",
    currency: "USD",
    timezone: "UTC",
    billingMode: "prepaid",
    lowBalanceThreshold: "500.00",
    address: { line1: "1 Hacker Way", city: "Palo Alto", state: "CA", postalCode: "94301", country: "US" },
    metadata: { segment: "enterprise", accountManager: "Dana Demo" },
    plan: "prepaid-usd",
    startMonthsAgo: 3,
    callsPerDay: 69,
    growth: 1.12,
    models: [5, 3, 4, 1],
    regions: [6, 3, 2],
    users: 400,
    monthlyTopUp: "3000.00",
  },
  {
    externalId: "northwind",
    name: "Northwind Labs",
    email: "ap@northwind.example",
    currency: "USD",
    timezone: "America/New_York",
    billingMode: "postpaid",
    address: { line1: "500 Boylston St", city: "Boston", state: "MA", postalCode: "02116", country: "US" },
    metadata: { segment: "growth" },
    plan: "starter",
    startMonthsAgo: 3,
    callsPerDay: 36,
    growth: 1.18,
    models: [4, 6, 1, 1],
    regions: [8, 1, 1],
    users: 220,
  },
  {
    externalId: "globex",
    name: "Globex Research",
    email: "finance@globex.example",
    currency: "USD",
    timezone: "America/Los_Angeles",
    billingMode: "postpaid",
    address: { line1: "42 Market St", city: "San Francisco", state: "CA", postalCode: "94105", country: "US" },
    plan: "scale",
    startMonthsAgo: 3,
    callsPerDay: 29,
    growth: 1.1,
    models: [6, 2, 2, 0],
    regions: [5, 2, 1],
    users: 150,
    paymentsPerDay: 6,
  },
  {
    externalId: "initech",
    name: "Initech",
    email: "accounts@initech.example",
    currency: "USD",
    timezone: "America/Chicago",
    billingMode: "postpaid",
    plan: "starter",
    startMonthsAgo: 3,
    callsPerDay: 11,
    growth: 1.0,
    models: [1, 5, 0, 2],
    regions: [1, 0, 0],
    users: 40,
  },
  {
    externalId: "umbrella",
    name: "Umbrella Health GmbH",
    email: "rechnungen@umbrella.example",
    currency: "EUR",
    timezone: "Europe/Berlin",
    billingMode: "postpaid",
    taxRate: "0.19",
    address: { line1: "Friedrichstraße 68", city: "Berlin", postalCode: "10117", country: "DE" },
    plan: "growth-eur",
    startMonthsAgo: 3,
    callsPerDay: 21,
    growth: 1.08,
    models: [2, 3, 3, 0],
    regions: [0, 1, 0],
    users: 90,
  },
  {
    externalId: "cyberdyne",
    name: "Cyberdyne Systèmes",
    email: "compta@cyberdyne.example",
    currency: "EUR",
    timezone: "Europe/Paris",
    billingMode: "prepaid",
    lowBalanceThreshold: "100.00",
    plan: "prepaid-eur",
    startMonthsAgo: 3,
    callsPerDay: 15,
    growth: 1.15,
    models: [2, 2, 2, 2],
    regions: [1, 4, 0],
    users: 70,
    monthlyTopUp: "400.00",
  },
  {
    externalId: "stark",
    name: "Stark Analytics Ltd",
    email: "ledger@stark.example",
    currency: "GBP",
    timezone: "Europe/London",
    billingMode: "postpaid",
    taxRate: "0.2",
    address: { line1: "10 Finsbury Square", city: "London", postalCode: "EC2A 1AF", country: "GB" },
    plan: "team-gbp",
    startMonthsAgo: 3,
    callsPerDay: 15,
    growth: 1.05,
    models: [3, 1, 2, 0],
    regions: [1, 3, 0],
    users: 60,
  },
  {
    externalId: "tyrell",
    name: "Tyrell Vision KK",
    email: "keiri@tyrell.example",
    currency: "JPY",
    timezone: "Asia/Tokyo",
    billingMode: "postpaid",
    taxRate: "0.1",
    address: { line1: "1-1 Marunouchi", city: "Tokyo", postalCode: "100-0005", country: "JP" },
    plan: "standard-jpy",
    startMonthsAgo: 3,
    callsPerDay: 18,
    growth: 1.1,
    models: [1, 2, 1, 3],
    regions: [0, 0, 1],
    users: 80,
  },
  {
    externalId: "wayne",
    name: "Wayne Robotics",
    email: "payables@wayne.example",
    currency: "USD",
    timezone: "America/Denver",
    billingMode: "prepaid",
    lowBalanceThreshold: "150.00",
    plan: "prepaid-usd",
    startMonthsAgo: 2,
    callsPerDay: 10,
    growth: 1.35,
    models: [3, 1, 2, 0],
    regions: [3, 0, 1],
    users: 30,
    monthlyTopUp: "200.00",
  },
  {
    externalId: "soylent",
    name: "Soylent Foods",
    email: "finance@soylent.example",
    currency: "USD",
    timezone: "UTC",
    billingMode: "postpaid",
    plan: "starter",
    startMonthsAgo: 1,
    startDay: 10,
    callsPerDay: 6,
    growth: 1.2,
    models: [0, 4, 0, 1],
    regions: [2, 1, 0],
    users: 25,
    launchCredit: "100.00",
  },
  {
    externalId: "massive",
    name: "Massive Dynamic Pty",
    email: "ap@massive.example",
    currency: "USD",
    timezone: "Australia/Sydney",
    billingMode: "postpaid",
    address: { line1: "1 Macquarie St", city: "Sydney", state: "NSW", postalCode: "2000", country: "AU" },
    plan: "scale",
    startMonthsAgo: 3,
    callsPerDay: 24,
    growth: 0.9,
    models: [4, 1, 1, 0],
    regions: [1, 0, 5],
    users: 100,
    paymentsPerDay: 4,
  },
  {
    externalId: "aperture",
    name: "Aperture Science",
    email: "accounts@aperture.example",
    currency: "GBP",
    timezone: "Europe/London",
    billingMode: "postpaid",
    plan: "team-gbp",
    startMonthsAgo: 3,
    callsPerDay: 6,
    growth: 0.85,
    models: [1, 1, 0, 1],
    regions: [1, 1, 0],
    users: 20,
  },
];

/** The contract's start: local midnight on the first (or `startDay`) of the month `startMonthsAgo` before now's. */
export function contractStart(customer: DemoCustomer, now: Date): Date {
  return DateTime.fromJSDate(now, { zone: customer.timezone })
    .startOf("month")
    .minus({ months: customer.startMonthsAgo })
    .plus({ days: (customer.startDay ?? 1) - 1 })
    .toJSDate();
}

/** mulberry32: a small deterministic generator, seeded per customer. */
export function random(seed: string): () => number {
  let a = 0;
  for (const ch of seed) a = (Math.imul(a ^ ch.charCodeAt(0), 2654435761) + 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(values: readonly T[], weights: readonly number[], r: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < values.length; i++) {
    x -= weights[i]!;
    if (x < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

export interface RawEvent {
  id: string;
  customer: string;
  type: string;
  timestamp: string;
  properties: Record<string, string | number>;
}

const DAY_MS = 86_400_000;

/**
 * One customer's events between `from` and `to` (UTC day by UTC day; `day` numbers count from
 * the contract start so ids stay stable whatever the window). Weekdays are busier than weekends,
 * and the daytime of the customer's zone busier than its night.
 */
export function customerEvents(customer: DemoCustomer, start: Date, from: Date, to: Date): RawEvent[] {
  const events: RawEvent[] = [];
  const first = Math.max(0, Math.floor((from.getTime() - start.getTime()) / DAY_MS));
  for (let day = first; ; day++) {
    const dayStart = start.getTime() + day * DAY_MS;
    if (dayStart >= to.getTime()) break;
    const rand = random(`${customer.externalId}:${day}`);
    const local = DateTime.fromMillis(dayStart, { zone: customer.timezone });
    const weekend = local.weekday >= 6 ? 0.45 : 1;
    const calls = Math.round(customer.callsPerDay * Math.pow(customer.growth, day / 30) * weekend * (0.75 + 0.5 * rand()));
    const push = (id: string, type: string, properties: RawEvent["properties"]) => {
      // Office hours weigh more: two uniform draws folded around the local early afternoon.
      const offset = Math.min(DAY_MS - 1, Math.floor(((rand() + rand()) / 2) * DAY_MS));
      const at = dayStart + offset;
      if (at < from.getTime() || at >= to.getTime()) return;
      events.push({ id, customer: customer.externalId, type, timestamp: new Date(at).toISOString(), properties });
    };
    for (let i = 0; i < calls; i++) {
      const model = pick(MODELS, customer.models, rand());
      const inputTokens = Math.round(7_000 + rand() * rand() * 220_000);
      const outputTokens = Math.round(800 + rand() * 11_000);
      push(`demo-${customer.externalId}-${day}-${i}`, "llm.completion", {
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        tokens: inputTokens + outputTokens,
        model,
        region: pick(REGIONS, customer.regions, rand()),
        user_id: `user-${1 + Math.floor(rand() * customer.users)}`,
      });
    }
    const payments = customer.paymentsPerDay ? Math.round(customer.paymentsPerDay * weekend * (0.5 + rand())) : 0;
    for (let i = 0; i < payments; i++) {
      push(`demo-${customer.externalId}-${day}-pay-${i}`, "payment.processed", { amount: Math.round(2_000 + rand() * 48_000) / 100, currency: customer.currency });
    }
  }
  events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return events;
}
