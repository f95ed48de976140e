export { filesSource, filesConfigSchema, type FilesConfig } from './files-source.js';
export type { FilesState } from './files-stream.js';
