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
    files: ["server/invoicing/**/*.ts", "server/usage/**/*.ts", "server/customers/**/*.ts"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.name='parseFloat']", message: "Money is Decimal: never parseFloat." }],
    },
  },
];

export default config;
