import type { SourceFactory } from '../source.js';
import { amplitudeSource } from './amplitude/index.js';
import { filesSource } from './files/index.js';
import { firestoreSource } from './firestore/index.js';
import { gcpLoggingSource } from './gcp_logging/index.js';
import { googleSheetsSource } from './google_sheets/index.js';
import { helpScoutSource } from './help_scout/index.js';
import { hubspotSource } from './hubspot/index.js';
import { mysqlSource } from './mysql/index.js';
import { postgresSource } from './postgres/index.js';
import { restSource } from './rest/index.js';
import { stripeSource } from './stripe/index.js';

/** The connectors that ship with Basin. */
export function builtinSources(): Array<SourceFactory<unknown>> {
  return [
    filesSource,
    postgresSource,
    mysqlSource,
    restSource,
    stripeSource,
    hubspotSource,
    helpScoutSource,
    amplitudeSource,
    firestoreSource,
    googleSheetsSource,
    gcpLoggingSource,
  ] as Array<SourceFactory<unknown>>;
}
