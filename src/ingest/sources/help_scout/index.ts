/** The Help Scout connector (`type: help_scout`). */
export { helpScoutSource, createHelpScoutSource, type HelpScoutSourceOptions } from './help-scout-source.js';
export { helpScoutConfigSchema, type HelpScoutConfig } from './help-scout-config.js';
