/**
 * Country scope. Address rules check the delivery group's own country; cart
 * rules check every delivery-group country (the rule applies when any of
 * them is in scope) or, before an address is known, the localization country.
 * With no country to check, a scoped rule does not apply.
 */
import type { Rule } from "./config";

/**
 * The common `countries` field. The destination rule reuses the name for its
 * own list of countries (a plain array): that rule has no separate scope.
 */
export type CountryScope = Rule["countries"];

export interface CompiledScope {
  not: boolean;
  codes: Set<string>;
}

export function compileScope(scope: CountryScope): CompiledScope | null {
  if (!scope || Array.isArray(scope)) return null;
  return { not: scope.not === true, codes: new Set(scope.codes.map((c) => c.toUpperCase())) };
}

export function inScope(scope: CompiledScope | null, countries: readonly string[]): boolean {
  if (!scope) return true;
  for (const country of countries) {
    if (scope.codes.has(country) !== scope.not) return true;
  }
  return false;
}
