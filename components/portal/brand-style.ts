import type { CSSProperties } from "react";

// The dashboard's brand scale (tailwind.config.ts) reads CSS variables; the portal sets them from
// the organization's one accent colour, so every existing component takes its branding.
const TINTS: Record<number, string> = { 50: "8%", 100: "15%", 200: "30%", 300: "50%", 400: "70%", 500: "85%" };
const SHADES: Record<number, string> = { 700: "82%", 800: "66%", 900: "52%", 950: "36%" };

export function brandStyle(accent: string | null): CSSProperties {
  if (!accent) return {};
  const vars: Record<string, string> = { "--brand-600": accent, "--eb-accent": accent };
  for (const [step, share] of Object.entries(TINTS)) vars[`--brand-${step}`] = `color-mix(in srgb, ${accent} ${share}, white)`;
  for (const [step, share] of Object.entries(SHADES)) vars[`--brand-${step}`] = `color-mix(in srgb, ${accent} ${share}, black)`;
  return vars as CSSProperties;
}
