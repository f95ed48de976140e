import { z } from 'zod';
import { BasinError } from '../core/errors.js';

/** Classification algorithms. */
export type ClassifierAlgorithm = 'logistic_regression' | 'random_forest';

/** A `materialized: classifier` model's resolved config. */
export interface ClassifierSpec {
  idColumn: string;
  labelColumn: string;
  /** Undefined: every other numeric or boolean column. */
  features: string[] | undefined;
  algorithm: ClassifierAlgorithm;
  seed: number;
  testShare: number;
}

const columnName = z.string().min(1);

const schema = z.object({
  id_column: columnName,
  label_column: columnName,
  features: z.array(columnName).min(1).optional(),
  algorithm: z.enum(['logistic_regression', 'random_forest']).default('logistic_regression'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  test_share: z.number().gt(0).lt(1).default(0.25),
});

/** The config keys a classifier model reads. */
export const CLASSIFIER_CONFIG_KEYS = Object.keys(schema.shape);

/**
 * Reads a classifier model's config. Throws a MATERIALIZATION error naming
 * the model and the key when it is invalid.
 */
export function parseClassifierSpec(model: string, config: Record<string, unknown>): ClassifierSpec {
  const picked = Object.fromEntries(CLASSIFIER_CONFIG_KEYS.filter((k) => config[k] !== undefined && config[k] !== null).map((k) => [k, config[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || 'config';
    throw new BasinError('MATERIALIZATION', `model ${model}: classifier config ${key}: ${issue?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  const c = parsed.data;
  return {
    idColumn: c.id_column,
    labelColumn: c.label_column,
    features: c.features,
    algorithm: c.algorithm,
    seed: c.seed,
    testShare: c.test_share,
  };
}
