/**
 * How deeply an input may nest before the runners refuse it. A function's
 * input has the shape of its input query, a dozen levels at most; an input
 * nested hundreds of levels deep is not one Shopify can send, and it would
 * overflow a recursive encoder or decoder (the host's JSON.stringify, QuickJS's
 * object reader) before the function's own error handling runs. The runners
 * answer it with this clear error instead.
 */
export const MAX_INPUT_DEPTH = 64;

/** Null when `input` nests at most `maxDepth` levels; else why it is refused. Iterative, so any depth is measured safely. */
export function inputDepthError(input: unknown, maxDepth = MAX_INPUT_DEPTH): string | null {
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth >= maxDepth) {
      return `the input nests more than ${maxDepth} levels deep; a function's input has the shape of its input query, which is far shallower`;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}
