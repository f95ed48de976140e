import { BasinError } from '../core/errors.js';
import type { Row } from '../core/types.js';
import { parseClassifierSpec } from './classifier-config.js';
import { accuracy, calibrationBins, logLoss, rocAuc } from './classifier-metrics.js';
import { fitClassifier } from './classifier-models.js';
import { applyScaling, featureValue, fitScaling, labelValue, selectFeatures } from './feature-matrix.js';
import { inTestSplit } from './id-split.js';
import { companionRef, readModelRows, type PredictionInput, type PredictionOutcome } from './prediction-io.js';
import { replaceTable } from './write-table.js';

/** Fewest labeled rows a classifier trains on. */
export const MIN_LABELED_ROWS = 20;

type Split = 'train' | 'test' | 'unlabeled';

/**
 * Materializes a `materialized: classifier` model: reads its rows (id, 0/1
 * label or NULL, features), splits the labeled rows by a hash of the id,
 * fits logistic regression or a random forest on the train split, scores
 * every row, and writes the model's table (id, score, predicted, label,
 * split), `<model>__evaluation` (AUC, log loss, accuracy on the test split)
 * and `<model>__calibration` (10 bins of the test split's scores).
 */
export async function runClassifier(input: PredictionInput): Promise<PredictionOutcome> {
  const spec = parseClassifierSpec(input.model, input.config);
  const d = input.warehouse.dialect;
  const { rows, columns } = await readModelRows(input, [
    { key: 'id_column', column: spec.idColumn },
    { key: 'label_column', column: spec.labelColumn },
  ]);
  const features = selectFeatures(input.model, d, columns, spec.features, [spec.idColumn, spec.labelColumn]);
  const labels = rows.map((r) => labelValue(input.model, spec.labelColumn, r[spec.labelColumn]));
  const raw = rows.map((r) => features.map((f) => featureValue(input.model, f, r[f])));
  const splits: Split[] = rows.map((r, i) => (labels[i] === null ? 'unlabeled' : inTestSplit(r[spec.idColumn], spec.seed, spec.testShare) ? 'test' : 'train'));
  const trainIdx = splits.flatMap((s, i) => (s === 'train' ? [i] : []));
  const testIdx = splits.flatMap((s, i) => (s === 'test' ? [i] : []));

  const labeled = trainIdx.length + testIdx.length;
  if (labeled < MIN_LABELED_ROWS) {
    throw new BasinError('MATERIALIZATION', `model ${input.model}: ${labeled} labeled row(s) in '${spec.labelColumn}'; a classifier needs at least ${MIN_LABELED_ROWS}`);
  }
  const trainLabels = trainIdx.map((i) => labels[i]!);
  const trainPositives = trainLabels.filter((l) => l === 1).length;
  if (trainPositives === 0 || trainPositives === trainLabels.length) {
    const only = trainPositives === 0 ? 0 : 1;
    throw new BasinError(
      'MATERIALIZATION',
      `model ${input.model}: label_column '${spec.labelColumn}' has one class only (${only}) in the ${trainLabels.length} training rows; a classifier needs both 0 and 1`,
    );
  }

  const scaling = fitScaling(trainIdx.map((i) => raw[i]!), features.length);
  const x = applyScaling(raw, scaling, spec.algorithm === 'logistic_regression');
  const scorer = fitClassifier(spec.algorithm, trainIdx.map((i) => x[i]!), trainLabels, spec.seed);
  const scores = scorer(x);

  const testScores = testIdx.map((i) => scores[i]!);
  const testLabels = testIdx.map((i) => labels[i]!);
  const dbl = d.typeFor('double');
  const int = d.typeFor('integer');
  const text = d.typeFor('text');
  const idColumn = columns.find((c) => c.name === spec.idColumn)!;
  const labelType = d.typeFor('integer');

  const scoreRows: Row[] = rows.map((r, i) => ({
    [spec.idColumn]: r[spec.idColumn],
    score: scores[i],
    predicted: scores[i]! >= 0.5,
    label: labels[i],
    split: splits[i],
  }));
  const auc = rocAuc(testScores, testLabels);
  const evaluationRows: Row[] = [
    {
      algorithm: spec.algorithm,
      features: features.join(','),
      train_rows: trainIdx.length,
      test_rows: testIdx.length,
      unlabeled_rows: rows.length - labeled,
      test_positive_rate: testLabels.length > 0 ? testLabels.filter((l) => l === 1).length / testLabels.length : null,
      auc,
      log_loss: logLoss(testScores, testLabels),
      accuracy: accuracy(testScores, testLabels),
      note: auc === null ? 'the test split lacks one of the classes: no AUC' : null,
    },
  ];
  const calibrationRows: Row[] = calibrationBins(testScores, testLabels).map((b) => ({
    bin: b.bin,
    bin_lower: b.lower,
    bin_upper: b.upper,
    rows: b.count,
    mean_score: b.meanScore,
    observed_rate: b.observedRate,
  }));

  const evaluationRef = companionRef(input.target, 'evaluation');
  const calibrationRef = companionRef(input.target, 'calibration');
  const written = await replaceTable(
    input.warehouse,
    {
      ref: input.target,
      columns: [
        { name: spec.idColumn, type: d.typeFor(d.logicalTypeOf(idColumn.type)) },
        { name: 'score', type: dbl },
        { name: 'predicted', type: d.typeFor('boolean') },
        { name: 'label', type: labelType },
        { name: 'split', type: text },
      ],
      rows: scoreRows,
    },
    input.signal,
  );
  const evaluated = await replaceTable(
    input.warehouse,
    {
      ref: evaluationRef,
      columns: [
        { name: 'algorithm', type: text },
        { name: 'features', type: text },
        ...['train_rows', 'test_rows', 'unlabeled_rows'].map((name) => ({ name, type: int })),
        ...['test_positive_rate', 'auc', 'log_loss', 'accuracy'].map((name) => ({ name, type: dbl })),
        { name: 'note', type: text },
      ],
      rows: evaluationRows,
    },
    input.signal,
  );
  const calibrated = await replaceTable(
    input.warehouse,
    {
      ref: calibrationRef,
      columns: [
        { name: 'bin', type: int },
        ...['bin_lower', 'bin_upper'].map((name) => ({ name, type: dbl })),
        { name: 'rows', type: int },
        ...['mean_score', 'observed_rate'].map((name) => ({ name, type: dbl })),
      ],
      rows: calibrationRows,
    },
    input.signal,
  );
  return {
    message: `CLASSIFIER ${spec.algorithm} (${written} rows, test AUC ${auc === null ? 'n/a' : auc.toFixed(3)})`,
    rows: written,
    tables: [
      { ref: input.target, rows: written },
      { ref: evaluationRef, rows: evaluated },
      { ref: calibrationRef, rows: calibrated },
    ],
  };
}
