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

/**
 * Converts grams to `unit`, rounded to 6 decimals so that sums of decimal
 * weights (3 × 0.1 kg) compare as a merchant expects against inclusive limits.
 */
export function fromGrams(grams: number, unit: WeightUnit): number {
  const value = grams / (GRAMS_PER_UNIT[unit] ?? 1);
  return Math.round(value * 1e6) / 1e6;
}
