import { describe, expect, it } from 'vitest';
import { exitCodeForStatus, CLI_EXIT } from './exit-codes.js';
import { runCli } from './program.js';

describe('dmp exit codes', () => {
  it.each([
    [400, CLI_EXIT.usage],
    [401, CLI_EXIT.unauthenticated],
    [403, CLI_EXIT.forbidden],
    [404, CLI_EXIT.notFound],
    [409, CLI_EXIT.conflict],
    [500, CLI_EXIT.error],
  ])('HTTP %i → exit %i', (status, code) => {
    expect(exitCodeForStatus(status)).toBe(code);
  });

  it('an unknown option is a usage error', async () => {
    expect(await runCli(['devices', 'list', '--colour'], {})).toBe(CLI_EXIT.usage);
  });

  it('an unknown state is a usage error', async () => {
    expect(await runCli(['devices', 'list', '--state', 'lost'], {})).toBe(CLI_EXIT.usage);
  });

  it('without login, a command says so and exits 3', async () => {
    expect(await runCli(['devices', 'list', '--config', '/nonexistent/dmp.json'], {})).toBe(CLI_EXIT.unauthenticated);
  });
});
