/**
 * The project's events for dashboards' analysis blocks: basin.yml
 * `analytics: { events: { relation, user_id, event, timestamp, properties } }`,
 * validated (errors name basin.yml and the key); undefined when absent.
 */
import { analyticsConfigSchema, eventsSpecFromConfig, type EventsSpec } from '../analytics/index.js';
import { ConfigError } from '../core/errors.js';
import type { ProjectConfig } from '../config/project-config.js';

export interface ProjectEvents {
  spec: EventsSpec;
  /** The model the events are, when `relation` names one (bare name): analysis blocks read it. */
  model?: string | undefined;
}

/** The events of `config`, if configured. */
export function projectEvents(config: Pick<ProjectConfig, 'analytics' | 'schema'>): ProjectEvents | undefined {
  if (config.analytics === undefined) return undefined;
  const parsed = analyticsConfigSchema.safeParse(config.analytics);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue?.message ?? 'invalid'}`, { location: { file: 'basin.yml' }, key: ['analytics', ...(issue?.path ?? [])].join('.') });
  }
  const relation = parsed.data.events.relation;
  return { spec: eventsSpecFromConfig(parsed.data.events, config.schema), ...(relation.includes('.') ? {} : { model: relation }) };
}
