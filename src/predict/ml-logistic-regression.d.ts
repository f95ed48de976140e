/** The parts of ml-logistic-regression 2.0.0 Basin uses (the package ships no types). */
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  interface TwoClassModel {
    /** One weight per feature column (1 x features). */
    weights: Matrix;
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    /** One-vs-all training; classifier i predicts the probability that the class is not i. */
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
    toJSON(): { name: 'LogisticRegression'; numberClasses: number; classifiers: TwoClassModel[] };
  }
}
