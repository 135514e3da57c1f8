/**
 * Scheduled rules. A function cannot read the clock; the input query asks
 * Shopify, per slot N, whether the shop's local time is at or past
 * `config.clock[N]` (`shop.localTime.atN: dateTimeAfter($scheduleAtN)`).
 *
 * A rule is active from `start` (inclusive) until `end` (exclusive): the
 * start's slot must say true and the end's slot false. A boundary that is not
 * in the clock, or whose answer is missing, makes the rule inactive: the
 * admin lists every boundary, so a gap means configuration and input
 * variables are out of step, and a rule must not block by accident.
 */
import type { Rule } from "./config";

export type ScheduleCheck = (schedule: Rule["schedule"]) => boolean;

export function makeScheduleCheck(clock: readonly string[] | undefined, passed: readonly (boolean | undefined)[]): ScheduleCheck {
  const slots = clock ?? [];
  const answer = (dateTime: string): boolean | undefined => {
    const slot = slots.indexOf(dateTime);
    return slot < 0 ? undefined : passed[slot];
  };
  return (schedule) => {
    if (!schedule) return true;
    if (schedule.start !== undefined && answer(schedule.start) !== true) return false;
    if (schedule.end !== undefined && answer(schedule.end) !== false) return false;
    return true;
  };
}
