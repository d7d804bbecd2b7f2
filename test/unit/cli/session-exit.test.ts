import { expect, it } from 'vitest';
import { exitCode } from '../../../src/cli/util/session.js';
import { EngineError } from '../../../src/lib/errors.js';
import type { Engine } from '../../../src/engine/engine.js';

const gone = new EngineError('NOT_FOUND', 'No such container: abc');

it('reads the exit code from the die event when --rm removed the record first', async () => {
  const engine = {
    waitContainer: async () => { throw gone; },
    async *events() {
      yield { Type: 'container', Action: 'die', Actor: { ID: 'abc', Attributes: { exitCode: '7' } }, scope: 'local', time: 0, timeNano: 0 };
    },
  } as unknown as Engine;
  expect(await exitCode(engine, 'abc', 0)).toBe(7);
});

it('still fails when no die event explains the missing container', async () => {
  const engine = { waitContainer: async () => { throw gone; }, async *events() { /* nothing */ } } as unknown as Engine;
  await expect(exitCode(engine, 'abc', 0)).rejects.toBe(gone);
});
