import type { SourceFactory } from '../source.js';
import { filesSource } from './files/index.js';
import { hubspotSource } from './hubspot/index.js';
import { mysqlSource } from './mysql/index.js';
import { postgresSource } from './postgres/index.js';
import { restSource } from './rest/index.js';
import { stripeSource } from './stripe/index.js';

/** The connectors that ship with Basin (the SaaS connectors join them with the sandbox issue). */
export function builtinSources(): Array<SourceFactory<unknown>> {
  return [filesSource, postgresSource, mysqlSource, restSource, stripeSource, hubspotSource] as Array<SourceFactory<unknown>>;
}
