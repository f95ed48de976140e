/**
 * The zod schema of one entry of basin.yml `jobs:`. Values may come from
 * `${env:...}` as strings, so numbers and booleans accept their spellings.
 * The cron expression and time zone are checked here (croner), so a bad one
 * fails at load with the key path (`jobs.nightly.schedule`).
 */
import { z } from 'zod';
import { cronSchedule, CronScheduleError, isValidTimeZone } from './cron-schedule.js';

const toNumber = (v: unknown): unknown => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v);
const toBoolean = (v: unknown): unknown => (v === 'true' ? true : v === 'false' ? false : v);

const int = (min: number) => z.preprocess(toNumber, z.number().int().min(min));
const selectorList = z.union([z.string().min(1).transform((s) => [s]), z.array(z.string().min(1)).min(1)]);

/** Job names: letters, digits, `_` and `-` (they appear in URLs and run history). */
export const JOB_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

const retries = z.strictObject({
  count: int(0).default(0),
  backoff_seconds: z.preprocess(toNumber, z.number().min(0)).default(30),
});

/** One job under `jobs:`. */
export const jobEntrySchema = z
  .strictObject({
    select: selectorList,
    exclude: selectorList.optional(),
    schedule: z.string().min(1).optional(),
    timezone: z.string().min(1).default('UTC'),
    retries: z.preprocess(toNumber, z.union([int(0).transform((count) => ({ count, backoff_seconds: 30 })), retries])).default({ count: 0, backoff_seconds: 30 }),
    timeout_minutes: z.preprocess(toNumber, z.number().positive()).optional(),
    concurrency: int(1).default(1),
    missed: z.enum(['skip', 'catch_up_once']).default('skip'),
    enabled: z.preprocess(toBoolean, z.boolean()).default(true),
  })
  .superRefine((job, ctx) => {
    if (!isValidTimeZone(job.timezone)) {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: `unknown time zone "${job.timezone}" (expected an IANA name such as Europe/Berlin)` });
      return;
    }
    if (job.schedule === undefined) return;
    try {
      cronSchedule(job.schedule, job.timezone);
    } catch (err) {
      if (!(err instanceof CronScheduleError)) throw err;
      ctx.addIssue({ code: 'custom', path: [err.field], message: err.message });
    }
  });

/** `jobs:`: a mapping from job name to job. */
export const jobsSchema = z.record(z.string().regex(JOB_NAME_PATTERN, { message: 'job names are letters, digits, _ and -' }), jobEntrySchema);

export type JobEntry = z.output<typeof jobEntrySchema>;
