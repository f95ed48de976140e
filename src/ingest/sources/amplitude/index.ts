/** The Amplitude connector (`type: amplitude`). */
export { amplitudeSource, createAmplitudeSource, type AmplitudeSourceOptions } from './amplitude-source.js';
export { amplitudeConfigSchema, AMPLITUDE_HOSTS, type AmplitudeConfig } from './amplitude-config.js';
