// `npm run dev`: Vite with hot reload on :5173 (proxying the API and sockets), plus the server in watch mode.
import { spawn } from 'node:child_process';

const env = { ...process.env, ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS || 'http://localhost:5173' };
const children = [
  spawn(process.execPath, ['--watch', '--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', env }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit', env }),
];
const stopAll = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
for (const child of children) child.on('exit', (code) => {
  stopAll('SIGTERM');
  process.exitCode = code ?? 0;
});
