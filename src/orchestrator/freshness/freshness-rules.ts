/**
 * basin.yml `freshness:`: a list of expectations, each a dbt selection across
 * kinds with hours after which the selected assets' data is stale:
 * `{ select, exclude?, warn_after_hours?, error_after_hours? }`. Validated
 * with zod; errors name `basin.yml`, the line when the file is given, and
 * the key path (`freshness[1].error_after_hours`).
 */
import { z } from 'zod';
import path from 'node:path';
import { readYamlFile, type YamlFile } from '../../config/yaml-file.js';
import { zodIssuesToConfigError } from '../../config/zod-issues.js';

/** One entry of `freshness:`. */
export interface FreshnessRule {
  /** Position in the list, for messages (`basin.yml freshness[2]`). */
  index: number;
  select: string[];
  exclude: string[];
  warnAfterHours?: number | undefined;
  errorAfterHours?: number | undefined;
}

const toNumber = (v: unknown): unknown => (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v);
const hours = z.preprocess(toNumber, z.number().positive());
const selectorList = z.union([z.string().min(1).transform((s) => [s]), z.array(z.string().min(1)).min(1)]);

const ruleSchema = z
  .strictObject({
    select: selectorList,
    exclude: selectorList.optional(),
    warn_after_hours: hours.optional(),
    error_after_hours: hours.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.warn_after_hours === undefined && rule.error_after_hours === undefined) {
      ctx.addIssue({ code: 'custom', path: ['warn_after_hours'], message: 'give warn_after_hours, error_after_hours or both' });
    } else if (rule.warn_after_hours !== undefined && rule.error_after_hours !== undefined && rule.error_after_hours < rule.warn_after_hours) {
      ctx.addIssue({ code: 'custom', path: ['error_after_hours'], message: `must not be less than warn_after_hours (${rule.warn_after_hours})` });
    }
  });

/** `freshness:` of basin.yml. */
export const freshnessRulesSchema = z.array(ruleSchema);

/** Validates basin.yml's `freshness:` value (absent = no rules). */
export function parseFreshnessRules(raw: unknown, yaml?: YamlFile): FreshnessRule[] {
  if (raw === undefined || raw === null) return [];
  const parsed = freshnessRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const file: YamlFile = yaml ?? { file: 'basin.yml', value: undefined, lineOf: () => undefined, locationOf: () => ({ file: 'basin.yml' }) };
    throw zodIssuesToConfigError(parsed.error.issues, { yaml: file, input: raw, schema: freshnessRulesSchema, basePath: ['freshness'] });
  }
  return parsed.data.map((r, index) => ({
    index,
    select: r.select,
    exclude: r.exclude ?? [],
    warnAfterHours: r.warn_after_hours,
    errorAfterHours: r.error_after_hours,
  }));
}

/** Validates `raw` (basin.yml's `freshness:`, env resolved), re-reading `basinYml` (absolute path) for line numbers when given. */
export async function loadFreshnessRules(raw: unknown, basinYml?: string): Promise<FreshnessRule[]> {
  if (raw === undefined || raw === null) return [];
  const yaml = basinYml ? await readYamlFile(basinYml, path.basename(basinYml)) : undefined;
  return parseFreshnessRules(raw, yaml);
}
