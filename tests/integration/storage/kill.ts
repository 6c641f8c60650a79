/** Kills child writers mid-stream (SIGKILL: no shutdown hook, no flush), for the durability tests. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Runs a writer script (with tsx) until `killNow(stdout)`, then SIGKILLs it; returns the complete lines it printed. */
export async function runChildUntilKill(script: string, env: Record<string, string>, killNow: (stdout: string) => boolean): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // 'close', not 'exit': acknowledgements still in the pipe at the kill must be read too.
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`writer too slow or stuck:\n${stdout.slice(-500)}\n${stderr}`)), 45_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (child.signalCode === null && killNow(stdout)) {
        child.kill('SIGKILL');
        clearTimeout(timer);
        done();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      if (child.signalCode !== 'SIGKILL') fail(new Error(`writer exited on its own (${child.exitCode}):\n${stderr}`));
    });
  });
  await exited;
  // Only complete lines count: a line cut by the kill was not fully acknowledged to us.
  return stdout.slice(0, stdout.lastIndexOf('\n')).split('\n');
}

