/**
 * Enforcement stage against the buyer-journey step.
 *
 * | step                 | checkout | cartAndCheckout | completion |
 * |----------------------|----------|-----------------|------------|
 * | CART_INTERACTION     |    –     |      blocks     |     –      |
 * | CHECKOUT_INTERACTION |  blocks  |      blocks     |     –      |
 * | CHECKOUT_COMPLETION  |  blocks  |      blocks     |   blocks   |
 * | null (unknown)       |  blocks  |      blocks     |   blocks   |
 *
 * A null step is treated as completion: Shopify leaves the step out where it
 * cannot say where the buyer is (for instance carts and orders created
 * through APIs or channels other than the online checkout). Such a run may
 * be the last chance to stop an order, so every active rule is enforced: a
 * rule the merchant set up must not be bypassed by a channel that does not
 * report its step. Cart edits, which do report CART_INTERACTION, stay
 * unblocked by default.
 */
import type { Stage } from "./config";
import type { JourneyStep } from "./facts";

export function stageBlocks(stage: Stage | undefined, step: JourneyStep): boolean {
  const effective = stage ?? "checkout";
  switch (step) {
    case "CART_INTERACTION":
      return effective === "cartAndCheckout";
    case "CHECKOUT_INTERACTION":
      return effective === "checkout" || effective === "cartAndCheckout";
    default:
      return true;
  }
}

/** Whether each stage blocks at `step`: worked out once a run, then one look-up a rule (a call costs QuickJS more). */
export function stagesBlockingAt(step: JourneyStep): Record<Stage, boolean> {
  return {
    checkout: stageBlocks("checkout", step),
    cartAndCheckout: stageBlocks("cartAndCheckout", step),
    completion: stageBlocks("completion", step),
  };
}
