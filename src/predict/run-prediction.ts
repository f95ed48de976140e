import { BasinError } from '../core/errors.js';
import type { PredictionInput, PredictionOutcome } from './prediction-io.js';
import { runClassifier } from './run-classifier.js';
import { runForecast } from './run-forecast.js';

/** Materializations this layer implements. */
export const PREDICTION_MATERIALIZATIONS = ['forecast', 'classifier'] as const;

/** Whether `materialized` is one of {@link PREDICTION_MATERIALIZATIONS}. */
export const isPredictionMaterialization = (materialized: string): boolean =>
  (PREDICTION_MATERIALIZATIONS as readonly string[]).includes(materialized);

/** Runs the `forecast` or `classifier` materialization named by the model's config. */
export function runPrediction(input: PredictionInput): Promise<PredictionOutcome> {
  const kind = input.config.materialized;
  if (kind === 'forecast') return runForecast(input);
  if (kind === 'classifier') return runClassifier(input);
  throw new BasinError('MATERIALIZATION', `model ${input.model}: '${String(kind)}' is not a prediction materialization`);
}
