/** What every explorer tab gets from the page. */
import type { EventsOverviewJson } from '../../../src/server/analytics/analytics-json';
import type { ParamChanges } from './explorer-filters';
import type { ExplorerState } from './explorer-state';

export interface TabProps {
  state: ExplorerState;
  overview: EventsOverviewJson;
  /** Changes URL parameters (undefined or '' removes one; a list repeats it). */
  set(changes: ParamChanges): void;
  dark: boolean;
}
