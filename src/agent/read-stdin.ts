/**
 * All of stdin as text. Read as a stream: readFileSync(0) fails with EAGAIN when stdin is a
 * non-blocking pipe (e.g. `dmp devices list --json | … | dmp devices reset`).
 */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
