import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".next-*/**", ".data/**", "server/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The billing engine is pure: money never passes through floating point.
    files: ["server/billing/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='parseFloat']", message: "Money is Decimal: never parseFloat." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "server/billing is pure: take the instant as an argument." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "server/billing is pure: take the instant as an argument." },
        { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local)$/][arguments.length=0]", message: "server/billing is pure: take the instant as an argument." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "server/billing is pure: no randomness." },
      ],
    },
  },
  {
    // One import circle (services → publish → job registry → jobs → services) hid for weeks.
    files: ["**/*.{ts,tsx,mjs}"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/server/db", "**/server/db"], message: "app/ goes through server/<domain> services (or tRPC), never the database client." }] },
      ],
    },
  },
  {
    // Domain code records events (server/events) and knows nothing of transports or jobs: those
    // import it, and the composition roots (instrumentation.ts, scripts/, tests) install the jobs.
    files: ["server/**/*.ts"],
    // The HTTP transports (server/http, the hand-written REST handlers) sit beside tRPC, above the domain.
    ignores: ["server/trpc/**", "server/inngest/**", "server/http/**", "server/*/http.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/trpc", "**/trpc/**", "@/server/trpc/**"], message: "Domain code never imports the tRPC layer; the routers call it." },
            { group: ["**/inngest/functions", "**/inngest/functions/**", "**/inngest/start-jobs", "@/server/inngest/**"], message: "Domain code records events in server/events; the job registry is installed by the composition roots." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/invoicing/**/*.ts", "server/usage/**/*.ts", "server/customers/**/*.ts"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.name='parseFloat']", message: "Money is Decimal: never parseFloat." }],
    },
  },
];

export default config;
