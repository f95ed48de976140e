/** The Cloud Logging v2 fake: `entries.list` over the synthetic company's infrastructure logs. */
export { createLoggingFake, LOGGING_READ_SCOPES, MAX_PAGE_SIZE, type LoggingFakeOptions } from './logging-fake.js';
export { LOGGING_LIST_QUOTA, type LoggingQuota } from './logging-quota.js';
export { LOG_NAMES, PRODUCT_API_HOST, API_SERVICE } from './logging-entries.js';
export { RETENTION_MS, DEFAULT_WINDOW_MS } from './logging-list.js';
export { MAX_RECEIVE_DELAY_MS } from './logging-timeline.js';
