import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatUsd } from '../../../server/src/pricing/cost';

describe('formatUsd', () => {
  it('formats the documented examples', () => {
    assert.equal(formatUsd(0.0031), '$0.0031');
    assert.equal(formatUsd(93), '$93');
    assert.equal(formatUsd(1240), '$1,240');
    assert.equal(formatUsd(0.000012), '$0.000012');
  });

  it('keeps two significant digits below $1', () => {
    assert.equal(formatUsd(0.123456), '$0.12');
    assert.equal(formatUsd(0.5), '$0.50');
    assert.equal(formatUsd(0.0000001234), '$0.00000012');
    assert.equal(formatUsd(0.0999), '$0.10');
  });

  it('shows cents between $1 and $100, dropping .00', () => {
    assert.equal(formatUsd(12.5), '$12.50');
    assert.equal(formatUsd(1.234), '$1.23');
    assert.equal(formatUsd(0.999), '$1');
    assert.equal(formatUsd(99.999), '$100');
  });

  it('rounds to whole dollars with thousands separators from $100', () => {
    assert.equal(formatUsd(100.4), '$100');
    assert.equal(formatUsd(1_234_567.8), '$1,234,568');
  });

  it('handles zero, negatives and non-finite values', () => {
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(-3.2), '-$3.20');
    assert.equal(formatUsd(Number.POSITIVE_INFINITY), '$∞');
    assert.equal(formatUsd(Number.NaN), '$?');
  });
});
