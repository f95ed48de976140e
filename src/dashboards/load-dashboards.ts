/** Reads `dashboards/*.md` of a project, sorted by name. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Dashboard } from './dashboard.js';
import { parseDashboard } from './parse-dashboard.js';
import { projectEvents } from './project-events.js';
import type { ProjectConfig } from '../config/project-config.js';

/** The folder of dashboards, relative to the project root. */
export const DASHBOARDS_DIR = 'dashboards';

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Every dashboard of the project (none when the folder is absent). A page
 * with analysis blocks also reads the events model of basin.yml `analytics:`.
 */
export async function loadDashboards(project: Pick<ProjectConfig, 'rootDir' | 'analytics' | 'schema'>): Promise<Dashboard[]> {
  const rootDir = project.rootDir;
  const eventsModel = projectEvents(project)?.model;
  let files: string[];
  try {
    files = (await readdir(path.join(rootDir, DASHBOARDS_DIR))).filter((f) => f.endsWith('.md')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: Dashboard[] = [];
  for (const f of files) {
    const name = f.slice(0, -3);
    const file = `${DASHBOARDS_DIR}/${f}`;
    if (!NAME.test(name)) throw new ConfigError(`dashboard name "${name}" (the file name) must be lowercase letters, digits and underscores`, { location: { file } });
    out.push(parseDashboard(await readFile(path.join(rootDir, file), 'utf8'), { name, file, eventsModel }));
  }
  return out;
}
