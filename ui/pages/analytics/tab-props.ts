/** What every explorer tab gets from the page. */
import type { EventsOverviewJson } from '../../../src/server/analytics/analytics-json';
import type { ExplorerState } from './explorer-state';

export interface TabProps {
  state: ExplorerState;
  overview: EventsOverviewJson;
  /** Changes URL parameters (undefined or '' removes one; a list repeats it). */
  set(changes: Record<string, string | number | string[] | undefined>): void;
  dark: boolean;
}
