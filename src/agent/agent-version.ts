import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version; src/agent and dist/agent both sit two levels below package.json. */
export function agentVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
      cached = pkg.version ?? 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
