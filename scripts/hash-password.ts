/**
 * Prints the `passwordHash` for a user in `auth.users`:
 *   npx tsx scripts/hash-password.ts            (prompts; input is not echoed on a terminal)
 *   printf %s "$PW" | npx tsx scripts/hash-password.ts
 * The password is read from stdin, never from argv, so it stays out of shell history and `ps`.
 */
import { hashPassword } from '../server/auth/password';

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    // One trailing newline is from echo or the heredoc, not part of the password.
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  process.stderr.write('password: ');
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    let value = '';
    stdin.on('data', (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
      }
    });
  });
}

async function main() {
  const password = await readPassword();
  if (!password) {
    console.error('hash-password: empty password');
    process.exit(2);
  }
  console.log(await hashPassword(password));
}

void main();
