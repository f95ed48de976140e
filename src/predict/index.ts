/** Forecasts and classification scores as materializations: the layer's public boundary. */
export { CLASSIFIER_CONFIG_KEYS } from './classifier-config.js';
export { FORECAST_CONFIG_KEYS } from './forecast-config.js';
export type { PredictionInput, PredictionOutcome, WrittenTable } from './prediction-io.js';
export { isPredictionMaterialization, PREDICTION_MATERIALIZATIONS, runPrediction } from './run-prediction.js';
