// The portal's accent colour (Settings → Branding). Buttons carry white text on it, so a colour
// too light for that is refused when saved rather than shown unreadable.

export const DEFAULT_ACCENT = "#4f46e5";

const HEX = /^#[0-9a-f]{6}$/i;

function channel(hex: string, offset: number) {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG contrast ratio of white text on this colour. */
export function contrastWithWhite(hex: string): number {
  const luminance = 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
  return 1.05 / (luminance + 0.05);
}

/** Why a colour cannot be the accent, or null when it can. */
export function accentColorProblem(value: string): string | null {
  if (!HEX.test(value)) return "must be a colour like #4f46e5";
  if (contrastWithWhite(value) < 3) return "is too light for white text on it (contrast below 3:1); choose a darker colour";
  return null;
}
