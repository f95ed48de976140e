import { describe, expect, it } from 'vitest';
import { accuracy, calibrationBins, logLoss, rocAuc } from './classifier-metrics.js';

/** A seeded uniform generator (Park-Miller). */
const uniform = (seed: number) => () => (seed = (seed * 16807) % 2147483647) / 2147483647;

/** The AUC by its definition: over all (positive, negative) pairs, 1 when the positive scores higher, 1/2 on a tie. */
function bruteForceAuc(scores: number[], labels: number[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return sum / pairs;
}

describe('rocAuc', () => {
  it('is 1 for a perfectly separable set and 0 for a perfectly inverted one', () => {
    const scores = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
    expect(rocAuc(scores, [0, 0, 0, 1, 1, 1])).toBe(1);
    expect(rocAuc(scores, [1, 1, 1, 0, 0, 0])).toBe(0);
  });

  it('is about 0.5 when scores are unrelated to labels', () => {
    const rnd = uniform(7);
    const scores = Array.from({ length: 20_000 }, () => rnd());
    const labels = scores.map(() => (rnd() < 0.3 ? 1 : 0));
    expect(Math.abs(rocAuc(scores, labels)! - 0.5)).toBeLessThan(0.015);
  });

  it('equals the pairwise definition exactly with many ties', () => {
    const rnd = uniform(11);
    for (let trial = 0; trial < 20; trial++) {
      const scores = Array.from({ length: 150 }, () => Math.round(rnd() * 8) / 8);
      const labels = scores.map((s) => (rnd() < 0.2 + 0.6 * s ? 1 : 0));
      expect(rocAuc(scores, labels)).toBeCloseTo(bruteForceAuc(scores, labels), 12);
    }
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('is null without both classes', () => {
    expect(rocAuc([0.1, 0.9], [1, 1])).toBeNull();
    expect(rocAuc([], [])).toBeNull();
  });
});

describe('logLoss and accuracy', () => {
  it('match hand computations', () => {
    expect(logLoss([0.8, 0.3], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(logLoss([0, 1], [1, 0])).toBeCloseTo(-Math.log(1e-15), 2);
    expect(accuracy([0.8, 0.5, 0.49, 0.1], [1, 0, 0, 1])).toBe(0.5);
  });
});

describe('calibrationBins', () => {
  it('puts every score in one of 10 bins whose counts sum to the rows, with the mean score and observed rate', () => {
    const rnd = uniform(3);
    const scores = [...Array.from({ length: 997 }, () => rnd()), 0, 1, 0.1];
    const labels = scores.map((s) => (rnd() < s ? 1 : 0));
    const bins = calibrationBins(scores, labels);
    expect(bins).toHaveLength(10);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(scores.length);
    expect(bins[0]!.lower).toBe(0);
    expect(bins[9]!.upper).toBe(1);
    for (const b of bins) {
      expect(b.meanScore!).toBeGreaterThanOrEqual(b.lower);
      expect(b.meanScore!).toBeLessThanOrEqual(b.upper);
      expect(Math.abs(b.observedRate! - b.meanScore!)).toBeLessThan(0.15);
    }
    const sparse = calibrationBins([0.05, 0.05], [1, 0]);
    expect(sparse[0]).toMatchObject({ count: 2, meanScore: 0.05, observedRate: 0.5 });
    expect(sparse[5]).toMatchObject({ count: 0, meanScore: null, observedRate: null });
  });
});
