import assert from 'node:assert/strict';
import { calcPrice } from '@pydantic/genai-prices';

/** Cost of one call as @pydantic/genai-prices itself computes it (the reference our pricing must equal). */
export function referencePrice(model: string, input: number, output: number): number {
  const result = calcPrice({ input_tokens: input, output_tokens: output }, model);
  assert.ok(result, `calcPrice knows ${model}`);
  return result.total_price;
}

/** Asserts two amounts are equal up to floating-point rounding. */
export function assertClose(actual: number, expected: number, message?: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${message ?? ''} ${actual} ≠ ${expected}`);
}
