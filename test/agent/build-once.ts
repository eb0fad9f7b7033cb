import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The tests run the real binaries (bin/dmp-agent.js, bin/dmp.js), which load dist/. `npm test`
 * builds first; when a test file is run alone, build here if dist/ is missing or older than src/.
 */
export function ensureBuilt(): void {
  const outputs = ['dist/agent/main.js', 'dist/cli/main.js'].map((p) => path.join(ROOT, p));
  const builtAt = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const sourcesAt = Math.max(...['src/agent', 'src/cli', 'src/contract'].map((d) => newestMtimeMs(path.join(ROOT, d))));
  if (builtAt >= sourcesAt) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // tsc emits even with type errors elsewhere in the tree; the existence check below decides.
  }
  for (const p of outputs) if (!existsSync(p)) throw new Error(`${p} is missing after the build: run npm run build:server`);
}
