/** The zod shapes of a dashboard's front matter, ```chart and ```input blocks. */
import { z } from 'zod';
import { CHART_TYPES, INPUT_TYPES } from './dashboard.js';

const name = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case name (letters, digits, underscores)');
const column = z.string().min(1);
const list = <T extends z.ZodType>(item: T) => z.union([item.transform((v) => [v]), z.array(item)]);

export const frontMatterSchema = z.strictObject({
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  owner: z.string().optional(),
  tags: list(z.string().min(1)).default([]),
  /** A report: cron `schedule:` and recipients (`to:` e-mail addresses or webhook URLs). */
  schedule: z.string().optional(),
  to: list(z.string().min(1)).optional(),
  format: z.enum(['html', 'pdf']).default('html'),
});

export const chartBlockSchema = z.strictObject({
  id: name.optional(),
  type: z.enum(CHART_TYPES),
  data: name,
  title: z.string().optional(),
  x: column.optional(),
  y: list(column).optional(),
  series: column.optional(),
  value: column.optional(),
  comparison: column.optional(),
  lower: column.optional(),
  upper: column.optional(),
  format: z.enum(['number', 'percent', 'currency', 'compact']).optional(),
  filters: name.optional(),
});

export const inputBlockSchema = z.strictObject({
  name,
  type: z.enum(INPUT_TYPES),
  label: z.string().optional(),
  default: z.unknown().optional(),
  options: z.union([z.strictObject({ query: name, column }), z.array(z.union([z.string(), z.number()]).transform(String)).transform((values) => ({ values }))]).optional(),
  all: z.boolean().default(false),
});
