#!/usr/bin/env node
// The floor of the TUI group's start-up case: a bare Ink "hello" app on the same Node and the same
// Ink and React as berth's TUI (resolved from the repository's node_modules), in the alternate
// screen like berth. It draws one line and waits for `q` (or a signal).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'));
// ESM imports resolved from the repository, so this file also works from a copy of bench/
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const [{ createElement: h }, { render, Text, useInput, useApp }] = await Promise.all([load('react'), load('ink')]);

process.stdout.write('\x1b[?1049h\x1b[H');
function Hello() {
  const { exit } = useApp();
  useInput((input) => { if (input === 'q') exit(); });
  return h(Text, null, 'hello from ink');
}
const app = render(h(Hello), { exitOnCtrlC: true, patchConsole: false });
const restore = () => process.stdout.write('\x1b[?1049l');
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => { app.unmount(); restore(); process.exit(0); });
await app.waitUntilExit();
restore();
