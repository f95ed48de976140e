import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { RandomForestClassifier } from 'ml-random-forest';
import type { ClassifierAlgorithm } from './classifier-config.js';

/** A fitted classifier: the probability of label 1 for each row of features. */
export type Scorer = (rows: readonly number[][]) => number[];

/** Gradient steps of the logistic regression (full batch). */
const LR_STEPS = 500;
/** Step size per row: the library sums the gradient over the rows, so the mean-gradient step is 1. */
const LR_STEP_PER_ROW = 1;

const sigmoid = (t: number): number => 1 / (1 + Math.exp(-t));

/**
 * Logistic regression (ml-logistic-regression, full-batch gradient ascent)
 * on standardized features with an intercept column. The probability of 1
 * comes from the weights of the library's first one-vs-all classifier
 * (class 0 against the rest).
 */
function fitLogistic(x: readonly number[][], y: readonly number[]): Scorer {
  const withIntercept = (rows: readonly number[][]) => rows.map((r) => [1, ...r]);
  const model = new LogisticRegression({ numSteps: LR_STEPS, learningRate: LR_STEP_PER_ROW / x.length });
  model.train(new Matrix(withIntercept(x)), Matrix.columnVector([...y]));
  const weights = model.toJSON().classifiers[0]!.weights.to1DArray();
  return (rows) => withIntercept(rows).map((r) => sigmoid(r.reduce((s, v, j) => s + v * weights[j]!, 0)));
}

/** Rows a sub-forest is grown on: ml-cart's split search is quadratic in a node's rows. */
const FOREST_SAMPLE_ROWS = 500;
const TREES = 50;
const SUB_FORESTS = 10;

/** `size` distinct row indexes of `n`, drawn by a seeded Park-Miller generator (partial Fisher-Yates). */
function sampleRows(n: number, size: number, seed: number): number[] {
  let state = (seed % 2147483646) + 1;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(next() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, size);
}

/**
 * A random forest (ml-random-forest) of 50 trees: depth ≤ 8, leaves of ≥ 5
 * rows (so votes are not all 0 or 1), bootstrap samples of the rows, √k of
 * the k features per tree (without replacement), seeded. The probability of
 * 1 is the share of trees voting 1. Above 500 training rows the trees are
 * grown as 10 forests of 5 trees, each on its own seeded sample of 500 rows
 * (the library's own `maxSamples` keeps the first rows only), and their
 * votes averaged: the cost stays bounded whatever the row count.
 */
function fitForest(x: readonly number[][], y: readonly number[], seed: number): Scorer {
  const width = x[0]?.length ?? 1;
  const grow = (rows: readonly number[], trees: number, treeSeed: number) => {
    const forest = new RandomForestClassifier({
      seed: treeSeed,
      nEstimators: trees,
      maxFeatures: Math.max(1, Math.round(Math.sqrt(width))),
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
      treeOptions: { maxDepth: 8, minNumSamples: 5 },
    });
    forest.train(rows.map((i) => [...x[i]!]), rows.map((i) => y[i]!));
    return forest;
  };
  const all = Array.from({ length: x.length }, (_, i) => i);
  const forests =
    x.length <= FOREST_SAMPLE_ROWS
      ? [grow(all, TREES, seed)]
      : Array.from({ length: SUB_FORESTS }, (_, k) => grow(sampleRows(x.length, FOREST_SAMPLE_ROWS, seed + k), TREES / SUB_FORESTS, seed + k));
  return (rows) => {
    if (rows.length === 0) return [];
    const input = rows.map((r) => [...r]);
    const sums = new Array<number>(rows.length).fill(0);
    let trees = 0;
    for (const forest of forests) {
      // Each tree's vote, one column per tree (the library's predictProbability leaves the first tree out).
      const votes = forest.predictionValues(input).to2DArray();
      votes.forEach((row, i) => (sums[i]! += row.filter((v) => v === 1).length));
      trees += votes[0]?.length ?? 0;
    }
    return sums.map((s) => s / trees);
  };
}

/** Fits `algorithm` on the training rows (features already imputed, and standardized for logistic regression). */
export function fitClassifier(algorithm: ClassifierAlgorithm, x: readonly number[][], y: readonly number[], seed: number): Scorer {
  return algorithm === 'logistic_regression' ? fitLogistic(x, y) : fitForest(x, y, seed);
}
