import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { RandomForestClassifier } from 'ml-random-forest';
import type { ClassifierAlgorithm } from './classifier-config.js';

/** A fitted classifier: the probability of label 1 for each row of features. */
export type Scorer = (rows: readonly number[][]) => number[];

/** Gradient steps of the logistic regression (full batch). */
const LR_STEPS = 1500;
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

/**
 * A random forest (ml-random-forest): 50 trees (depth ≤ 8, leaves of ≥ 5
 * rows, so votes are not all 0 or 1) on bootstrap samples of the rows, each
 * tree on √k of the k features (without replacement), seeded. The
 * probability of 1 is the share of trees voting 1.
 */
function fitForest(x: readonly number[][], y: readonly number[], seed: number): Scorer {
  const width = x[0]?.length ?? 1;
  const forest = new RandomForestClassifier({
    seed,
    nEstimators: 50,
    maxFeatures: Math.max(1, Math.round(Math.sqrt(width))),
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: { maxDepth: 8, minNumSamples: 5 },
  });
  forest.train(x.map((r) => [...r]), [...y]);
  return (rows) => (rows.length === 0 ? [] : forest.predictProbability(rows.map((r) => [...r]), 1));
}

/** Fits `algorithm` on the training rows (features already imputed, and standardized for logistic regression). */
export function fitClassifier(algorithm: ClassifierAlgorithm, x: readonly number[][], y: readonly number[], seed: number): Scorer {
  return algorithm === 'logistic_regression' ? fitLogistic(x, y) : fitForest(x, y, seed);
}
