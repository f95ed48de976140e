/** The built-in destination types (`type:` in destinations/*.yml); `custom` is resolved separately. */
import type { DestinationFactory } from '../destination.js';

export const BUILTIN_DESTINATIONS: readonly DestinationFactory[] = [];
