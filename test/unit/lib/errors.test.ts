import { expect, it } from 'vitest';
import { EngineError, isEngineError } from '../../../src/lib/errors.js';

it('recognises an EngineError from another copy of the module (bundled CLI + unbundled TUI/server)', () => {
  class OtherCopy extends Error { override name = 'EngineError'; code = 'CONFLICT'; }
  expect(isEngineError(new OtherCopy('x'), 'CONFLICT')).toBe(true);
  expect(isEngineError(new OtherCopy('x'), 'NOT_FOUND')).toBe(false);
  expect(isEngineError(new EngineError('NOT_FOUND', 'y'), 'NOT_FOUND')).toBe(true);
  expect(isEngineError(new Error('plain'))).toBe(false);
  expect(isEngineError({ name: 'EngineError', code: 'CONFLICT' })).toBe(false);
});
