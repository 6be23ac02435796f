import type { Config } from "tailwindcss";

// Tailwind 4 reads this through `@config` in app/globals.css.
// No web fonts (the machines are offline): Inter when the user has it, then each platform's UI face
// (-apple-system, Segoe UI, Roboto), then Arial/Liberation Sans on bare Linux boxes.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./emails/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        sans: [
          "Inter",
          "InterVariable",
          "-apple-system",
          "BlinkMacSystemFont",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "Liberation Sans",
          "system-ui",
          "sans-serif",
        ],
        mono: ["JetBrains Mono", "ui-monospace", "SFMono-Regular", "SF Mono", "Menlo", "Consolas", "DejaVu Sans Mono", "Liberation Mono", "monospace"],
      },
      fontSize: {
        // The dashboard's dense scale: 14px base, 13px for table cells and secondary text.
        "2xs": ["11px", { lineHeight: "16px" }],
        xs: ["12px", { lineHeight: "16px" }],
        sm: ["13px", { lineHeight: "20px" }],
        base: ["14px", { lineHeight: "22px" }],
      },
      colors: {
        // One accent: indigo. Everything else is zinc. The portal swaps in the organization's colour
        // through the variables (components/portal/brand-style.ts).
        brand: {
          50: "var(--brand-50, #eef2ff)",
          100: "var(--brand-100, #e0e7ff)",
          200: "var(--brand-200, #c7d2fe)",
          300: "var(--brand-300, #a5b4fc)",
          400: "var(--brand-400, #818cf8)",
          500: "var(--brand-500, #6366f1)",
          600: "var(--brand-600, #4f46e5)",
          700: "var(--brand-700, #4338ca)",
          800: "var(--brand-800, #3730a3)",
          900: "var(--brand-900, #312e81)",
          950: "var(--brand-950, #1e1b4b)",
        },
      },
      boxShadow: {
        card: "0 1px 2px 0 rgb(24 24 27 / 0.04), 0 1px 3px 0 rgb(24 24 27 / 0.05)",
        raised: "0 1px 2px 0 rgb(24 24 27 / 0.05), 0 4px 12px -2px rgb(24 24 27 / 0.08)",
        overlay: "0 24px 48px -12px rgb(24 24 27 / 0.25), 0 0 0 1px rgb(24 24 27 / 0.05)",
      },
      keyframes: {
        "fade-in": { from: { opacity: "0" }, to: { opacity: "1" } },
        "pop-in": { from: { opacity: "0", transform: "translateY(4px) scale(0.98)" }, to: { opacity: "1", transform: "none" } },
        "slide-in": { from: { transform: "translateX(-100%)" }, to: { transform: "none" } },
      },
      animation: {
        "fade-in": "fade-in 120ms ease-out",
        "pop-in": "pop-in 140ms ease-out",
        "slide-in": "slide-in 180ms ease-out",
      },
    },
  },
};

export default config;
