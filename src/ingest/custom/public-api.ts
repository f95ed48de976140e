/**
 * `basin/source`: what a custom source module may import. At run time Basin
 * resolves `import { defineSource } from 'basin/source'` to these exports
 * itself (see source-module-alias.ts), so a project needs no installation;
 * installing `basin` as a dev dependency gives editors the types.
 */
import { z } from 'zod';
import { defineSource } from './define-source.js';

export { defineSource, z };
export type { DefinedSource } from './define-source.js';
export type {
  CheckOutcome,
  ConfigSchemaInput,
  CustomReadContext,
  CustomSourceContext,
  CustomStream,
  SourceDefinition,
  SourceHttp,
  SourceRecord,
  YieldedBatch,
} from './custom-source-definition.js';
export type { CheckResult, ContractMode, FileBatch, StreamState, WriteDisposition } from '../source.js';
export type { Logger } from '../../core/logger.js';
export type { LogicalType } from '../../core/types.js';
