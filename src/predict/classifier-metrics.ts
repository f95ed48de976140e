/** One calibration bin: scores in [lower, upper) (the last bin includes 1). */
export interface CalibrationBin {
  bin: number;
  lower: number;
  upper: number;
  count: number;
  /** Mean score of the bin's rows; null when empty. */
  meanScore: number | null;
  /** Share of label 1 among the bin's rows; null when empty. */
  observedRate: number | null;
}

/**
 * The area under the ROC curve, exactly, by the Mann-Whitney statistic with
 * mid-ranks for tied scores: the probability that a random positive scores
 * above a random negative, ties counting one half. Null without both classes.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number | null {
  const order = scores.map((s, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean negative log-likelihood of the labels, scores clipped to [1e-15, 1 - 1e-15]. Null when empty. */
export function logLoss(scores: readonly number[], labels: readonly number[]): number | null {
  if (scores.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, scores[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / scores.length;
}

/** Share of rows where `score >= threshold` agrees with the label. Null when empty. */
export function accuracy(scores: readonly number[], labels: readonly number[], threshold = 0.5): number | null {
  if (scores.length === 0) return null;
  let right = 0;
  for (let i = 0; i < scores.length; i++) if ((scores[i]! >= threshold ? 1 : 0) === labels[i]) right++;
  return right / scores.length;
}

/** `bins` equal-width bins over [0, 1]: count, mean score and observed rate of label 1 in each. */
export function calibrationBins(scores: readonly number[], labels: readonly number[], bins = 10): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ count: 0, score: 0, positives: 0 }));
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    const b = sums[Math.min(bins - 1, Math.max(0, Math.floor(s * bins)))]!;
    b.count++;
    b.score += s;
    if (labels[i] === 1) b.positives++;
  }
  return sums.map((b, i) => ({
    bin: i + 1,
    lower: i / bins,
    upper: (i + 1) / bins,
    count: b.count,
    meanScore: b.count > 0 ? b.score / b.count : null,
    observedRate: b.count > 0 ? b.positives / b.count : null,
  }));
}
