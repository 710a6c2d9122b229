// Reads all of standard input as UTF-8 text.
export async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// Prints the message on standard error and exits with 1, so that the calling test fails with it.
export function fail(what, error) {
  process.stderr.write(`${what}: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
}
