/**
 * The stand-in engine's figures, re-calibrated to Shopify's. Where Shopify's
 * Javy plugin is absent (CI, a fresh clone), functions run on QuickJS compiled to
 * WebAssembly from npm (wasm-runner.ts). Its raw count differs from Shopify's:
 * it leaves out loading the bytecode (Javy ships bytecode, the stand-in compiles
 * the source and subtracts that), its input decoding costs about half of the
 * plugin's MessagePack transcoding, and its instrumentation weighs operators a
 * little differently. So Shopify's figure is estimated as
 *
 *     a × (execution − reading the input) + b × reading the input + c × bytecode bytes + d
 *
 * with a, b, c, d fitted by `npm run bench:function` on the bench matrix whenever
 * both engines ran (weighted least squares on relative error), and kept in
 * stand-in-calibration.json beside this file.
 */
import calibrationFile from "./stand-in-calibration.json";
import { runFunction, type RunOptions } from "./wasm-runner";

export interface StandInFigures {
  /** The stand-in's execution count (runner `executeInstructions`). */
  executeInstructions: number;
  /** What an export that only reads the same input costs on the stand-in. */
  inputReadInstructions: number;
  /** The bundle's bytecode size on Shopify's plugin (or an estimate from the source size). */
  bytecodeBytes: number;
}

export interface StandInCalibration {
  /** Per instruction of the stand-in's JavaScript execution (input reading excluded). */
  execution: number;
  /** Per instruction of the stand-in's input reading. */
  inputRead: number;
  /** Per byte of bytecode (loading it: the stand-in does not). */
  bytecodeByte: number;
  constant: number;
  /** Bytecode bytes per source byte of the bundle, to estimate the bytecode without the plugin. */
  bytecodePerSourceByte: number;
  /** How many runs, and when. */
  samples: number;
  fittedAt: string;
}

export const STAND_IN_CALIBRATION = calibrationFile as StandInCalibration;

/** Shopify's instructions for a run, estimated from the stand-in's figures. */
export function calibrated(figures: StandInFigures, c: StandInCalibration = STAND_IN_CALIBRATION): number {
  const js = figures.executeInstructions - figures.inputReadInstructions;
  return Math.round(c.execution * js + c.inputRead * figures.inputReadInstructions + c.bytecodeByte * figures.bytecodeBytes + c.constant);
}

/** An export that only reads the input (kept, as the functions keep theirs) and writes an empty result. */
export const ECHO_BUNDLE =
  "let kept; export function cartValidationsGenerateRun(){ kept = ShopifyFunction.readInput(); ShopifyFunction.writeOutput({operations:[{validationAdd:{errors:[]}}]}) }";

export interface StandInRun {
  output: unknown;
  error: string | null;
  outputBytes: number;
  /** Shopify's instructions, estimated (`calibrated`). */
  instructions: number;
  figures: StandInFigures;
}

/**
 * Runs a bundle on the stand-in, and an export that only reads the same input,
 * and estimates Shopify's instructions from both. `bytecodeBytes` defaults to
 * the calibration's estimate from the source size.
 */
export async function runOnStandIn(
  input: unknown,
  options: { bundle: string; bytecodeBytes?: number; calibration?: StandInCalibration } & Pick<RunOptions, "maxInstructions" | "timeoutMs">,
): Promise<StandInRun> {
  const calibration = options.calibration ?? STAND_IN_CALIBRATION;
  const limits = { maxInstructions: options.maxInstructions, timeoutMs: options.timeoutMs };
  const run = await runFunction(input, { bundle: options.bundle, ...limits });
  const echo = await runFunction(input, { bundle: ECHO_BUNDLE, ...limits });
  const figures = {
    executeInstructions: run.executeInstructions,
    inputReadInstructions: echo.executeInstructions,
    bytecodeBytes: options.bytecodeBytes ?? Math.round(Buffer.byteLength(options.bundle) * calibration.bytecodePerSourceByte),
  };
  return { output: run.output, error: run.error, outputBytes: run.outputBytes, instructions: calibrated(figures, calibration), figures };
}

/** Fits the calibration to runs measured on both engines. */
export function fitCalibration(
  samples: { standIn: StandInFigures; shopify: number }[],
  extra: { bytecodePerSourceByte: number },
): StandInCalibration {
  const rows = samples.map(({ standIn: s }) => [s.executeInstructions - s.inputReadInstructions, s.inputReadInstructions, s.bytecodeBytes, 1]);
  const weights = samples.map(({ shopify }) => 1 / (shopify * shopify));
  const [execution, inputRead, bytecodeByte, constant] = weightedLeastSquares(rows, samples.map((s) => s.shopify), weights);
  return {
    execution: round(execution, 4),
    inputRead: round(inputRead, 4),
    bytecodeByte: round(bytecodeByte, 3),
    constant: Math.round(constant),
    bytecodePerSourceByte: extra.bytecodePerSourceByte,
    samples: samples.length,
    fittedAt: new Date().toISOString().slice(0, 10),
  };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Solves (XᵀWX) β = XᵀWy by Gaussian elimination; columns that never vary get 0. */
function weightedLeastSquares(x: number[][], y: number[], w: number[]): number[] {
  const k = x[0].length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let r = 0; r < x.length; r++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i][j] += w[r] * x[r][i] * x[r][j];
      a[i][k] += w[r] * x[r][i] * y[r];
    }
  }
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    if (Math.abs(a[col][col]) < 1e-300) continue;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let j = col; j <= k; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row, i) => (Math.abs(row[i]) < 1e-300 ? 0 : row[k] / row[i]));
}
