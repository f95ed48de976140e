import { z } from 'zod';
import { BasinError } from '../core/errors.js';
import type { TableRef } from '../core/types.js';

/**
 * Where the events live: one row per event with the user, the event name, the
 * time and optionally a JSON object of properties.
 */
export interface EventsSpec {
  relation: TableRef;
  userColumn: string;
  eventColumn: string;
  timestampColumn: string;
  /** JSON column of event properties (step filters and property breakdowns read it). */
  propertiesColumn?: string | undefined;
}

/** The `analytics: { events: ... }` block of basin.yml. */
export const eventsConfigSchema = z
  .object({
    /** `schema.name`, or `name` in the target schema. */
    relation: z.string().min(1),
    user_id: z.string().min(1).default('user_id'),
    event: z.string().min(1).default('event'),
    timestamp: z.string().min(1).default('timestamp'),
    /** `null` when the events have no properties column. */
    properties: z.string().min(1).nullable().default('properties'),
  })
  .strict();

export const analyticsConfigSchema = z.object({ events: eventsConfigSchema }).strict();

export type EventsConfig = z.infer<typeof eventsConfigSchema>;

/** Splits `schema.name` (or `name`, in `defaultSchema`) into a TableRef. */
export function parseRelationName(text: string, defaultSchema: string): TableRef {
  const parts = text.split('.');
  if (parts.length === 1 && parts[0]) return { schema: defaultSchema, name: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { schema: parts[0], name: parts[1] };
  if (parts.length === 3 && parts[0] && parts[1] && parts[2]) return { database: parts[0], schema: parts[1], name: parts[2] };
  throw new BasinError('USAGE', `events relation "${text}" is not "name", "schema.name" or "database.schema.name"`);
}

/** The EventsSpec of a validated config block. */
export function eventsSpecFromConfig(config: EventsConfig, defaultSchema: string): EventsSpec {
  return {
    relation: parseRelationName(config.relation, defaultSchema),
    userColumn: config.user_id,
    eventColumn: config.event,
    timestampColumn: config.timestamp,
    propertiesColumn: config.properties ?? undefined,
  };
}
