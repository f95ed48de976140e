import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Temp project folders for tests: `project(files)` writes them; `cleanup()` removes every folder made. */
export function tempProjects(prefix: string): {
  project(files: Record<string, string>): Promise<string>;
  cleanup(): Promise<void>;
} {
  const dirs: string[] = [];
  return {
    async project(files) {
      const dir = await mkdtemp(path.join(tmpdir(), prefix));
      dirs.push(dir);
      for (const [name, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), text);
      }
      return dir;
    },
    async cleanup() {
      await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
