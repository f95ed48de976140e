/** The Google Cloud Logging connector (`type: gcp_logging`). */
export { gcpLoggingSource, createGcpLoggingSource, LOGGING_READ_SCOPE, type GcpLoggingSourceOptions } from './gcp-logging-source.js';
export { gcpLoggingConfigSchema, type GcpLoggingConfig } from './gcp-logging-config.js';
export { toSinkRecord, sinkFieldName } from './gcp-logging-record.js';
