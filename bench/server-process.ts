/**
 * Runs the reference server in a child process (its own core and event loop, as in
 * production) and resolves its URL once it prints it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * `env`: extra variables for the server, e.g. TANDEM_DIST (the folder served at /; the
 * browser benches pass their built bench page, bench/browser/dist).
 */
export async function startServerProcess(repoRoot: string, dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', TANDEM_DATA: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Tandem is running at (http:\/\/\S+?)\/?\s/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
