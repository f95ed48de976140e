/** Where a command writes: stdout for results, stderr for progress and logs. Injected for tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Current directory, the default `--project`. */
  cwd: string;
  /** Environment for `${env:...}` in project files; undefined means the process's own. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}
