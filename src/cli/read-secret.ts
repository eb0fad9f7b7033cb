import readline from 'node:readline';
import { readStdin } from '../agent/read-stdin.js';

/** A password: the first line of stdin when asked (or piped), else typed at the terminal without echo. */
export async function readSecret(prompt: string, fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return (await readStdin()).split(/\r?\n/)[0] ?? '';
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing of what is typed; the prompt itself is written before muting.
  process.stderr.write(prompt);
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  output._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}
