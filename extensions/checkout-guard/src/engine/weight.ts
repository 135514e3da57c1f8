import type { WeightUnit } from "./config";

/** Grams per unit (international avoirdupois pound and ounce). */
export const GRAMS_PER_UNIT: Record<WeightUnit, number> = {
  GRAMS: 1,
  KILOGRAMS: 1000,
  OUNCES: 28.349523125,
  POUNDS: 453.59237,
};

/** Short unit symbols used in messages ({unit}); the same in every language. */
export const UNIT_SYMBOLS: Record<WeightUnit, string> = {
  GRAMS: "g",
  KILOGRAMS: "kg",
  OUNCES: "oz",
  POUNDS: "lb",
};

/** Grams in `value` of `unit`; an unknown unit counts as grams, a missing or invalid weight as 0. */
export function toGrams(value: number | null | undefined, unit: string | null | undefined): number {
  // Comparisons rather than Number.isFinite (NaN fails `> 0`): this runs for every cart line.
  if (!(typeof value === "number" && value > 0 && value < Infinity)) return 0;
  const factor = GRAMS_PER_UNIT[unit as WeightUnit] ?? 1;
  return value * factor;
}

/**
 * Converts grams to `unit`, rounded to 6 decimals so that sums of decimal
 * weights (3 × 0.1 kg) compare as a merchant expects against inclusive limits.
 */
export function fromGrams(grams: number, unit: WeightUnit): number {
  const value = grams / (GRAMS_PER_UNIT[unit] ?? 1);
  return Math.round(value * 1e6) / 1e6;
}
