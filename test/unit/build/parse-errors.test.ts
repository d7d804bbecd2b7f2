import { describe, expect, it } from 'vitest';
import { parseDockerfile, parseTrigger } from '../../../src/build/dockerfile/index.js';
import { isEngineError } from '../../../src/lib/errors.js';

function errorOf(text: string, file?: string): { message: string; code: string; detail?: Record<string, unknown> } {
  try {
    parseDockerfile(text, { file });
  } catch (err) {
    if (!isEngineError(err)) throw err;
    return { message: err.message, code: err.code, detail: err.detail };
  }
  throw new Error('expected a parse error');
}

describe('parse errors carry file:line:col and docker\'s wording', () => {
  it.each([
    ['FROM a\nRUN x\nFORM b\n', 'Dockerfile:3:1: unknown instruction: FORM (did you mean FROM?)'],
    ['FROM a\n  form b\n', 'Dockerfile:2:3: unknown instruction: form (did you mean from?)'],
    ['FROM a\nFOOBAR x\n', 'Dockerfile:2:1: unknown instruction: FOOBAR'],
    ['RUN x\nFROM a\n', 'Dockerfile:1:1: no build stage in current context'],
    ['ARG A\nENV B=1\nFROM a\n', 'Dockerfile:2:1: no build stage in current context'],
    ['FROM a\nCOPY onlyone\n', 'Dockerfile:2:1: COPY requires at least two arguments, but only one was provided. Destination could not be determined'],
    ['FROM a\nADD x\n', 'Dockerfile:2:1: ADD requires at least two arguments, but only one was provided. Destination could not be determined'],
    ['FROM a\nSHELL /bin/bash -c\n', 'Dockerfile:2:1: SHELL requires the arguments to be in JSON form'],
    ['FROM a\nSHELL []\n', 'Dockerfile:2:1: SHELL requires at least one argument'],
    ['FROM a\nRUN ["a", 1]\n', 'Dockerfile:2:1: when using JSON array syntax, arrays must be comprised of strings only'],
    ['FROM a AS b\nFROM c AS B\n', 'Dockerfile:2:1: duplicate stage name "b": already used on line 1'],
    ['FROM a AS 1st\n', 'Dockerfile:1:1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols'],
    ['FROM a AS my/stage\n', 'Dockerfile:1:1: invalid name for build stage: "my/stage", name can\'t start with a number or contain symbols'],
    ['FROM a b\n', 'Dockerfile:1:1: FROM requires either one or three arguments'],
    ['FROM\n', 'Dockerfile:1:1: FROM requires either one or three arguments'],
    ['FROM a\nCOPY --form=x a b\n', 'Dockerfile:2:1: unknown flag: --form (did you mean from?)'],
    ['FROM a\nCOPY --nope a b\n', 'Dockerfile:2:1: unknown flag: --nope'],
    ['FROM a\nRUN --mount=type=cache --network x\n', 'Dockerfile:2:1: missing a value on flag: --network'],
    ['FROM a\nCOPY --link=maybe a b\n', 'Dockerfile:2:1: expecting boolean value for flag --link, not: maybe'],
    ['FROM a\nCOPY --from=a --from=b x y\n', 'Dockerfile:2:1: duplicate flag specified: --from'],
    ['FROM a\nENV --x=1 A=b\n', 'Dockerfile:2:1: unknown flag: --x'],
    ['FROM a\nRUN --network=bridge x\n', 'Dockerfile:2:1: invalid network mode "bridge"'],
    ['FROM a\nRUN --mount=from=$X,target=/t x\n', "Dockerfile:2:1: 'from' doesn't support variable expansion, define alias stage instead"],
    ['FROM a\nENV\n', 'Dockerfile:2:1: ENV requires at least one argument'],
    ['FROM a\nENV A\n', 'Dockerfile:2:1: ENV must have two arguments'],
    ['FROM a\nENV A=1 B\n', 'Dockerfile:2:1: Syntax error - can\'t find = in "B". Must be of the form: name=value'],
    ['FROM a\nLABEL =x\n', 'Dockerfile:2:1: LABEL names can not be blank'],
    ['FROM a\nARG =x\n', 'Dockerfile:2:1: ARG names can not be blank'],
    ['FROM a\nWORKDIR\n', 'Dockerfile:2:1: WORKDIR requires exactly one argument'],
    ['FROM a\nEXPOSE\n', 'Dockerfile:2:1: EXPOSE requires at least one argument'],
    ['FROM a\nVOLUME [""]\n', 'Dockerfile:2:1: VOLUME specified can not be an empty string'],
    ['FROM a\nHEALTHCHECK NONE x\n', 'Dockerfile:2:1: HEALTHCHECK NONE takes no arguments'],
    ['FROM a\nHEALTHCHECK CMD\n', 'Dockerfile:2:1: Missing command after HEALTHCHECK CMD'],
    ['FROM a\nHEALTHCHECK RUN x\n', 'Dockerfile:2:1: Unknown type "RUN" in HEALTHCHECK (try CMD)'],
    ['FROM a\nHEALTHCHECK --interval=1x CMD x\n', 'Dockerfile:2:1: time: unknown unit "x" in duration "1x"'],
    ['FROM a\nHEALTHCHECK --timeout=10us CMD x\n', 'Dockerfile:2:1: Interval "timeout" cannot be less than 1ms'],
    ['FROM a\nHEALTHCHECK --retries=-1 CMD x\n', 'Dockerfile:2:1: --retries cannot be negative (-1)'],
    ['FROM a\nONBUILD ONBUILD RUN x\n', 'Dockerfile:2:1: Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed'],
    ['FROM a\nONBUILD FROM b\n', 'Dockerfile:2:1: FROM isn\'t allowed as an ONBUILD trigger'],
    ['FROM a\nonbuild maintainer me\n', 'Dockerfile:2:1: MAINTAINER isn\'t allowed as an ONBUILD trigger'],
    ['FROM a\nCOPY <<EOF <<EOF2\nx\nEOF\n', 'Dockerfile:2:1: unterminated heredoc'],
    ['FROM a\nCOPY x <<EOF\nx\nEOF\n', 'Dockerfile:2:1: COPY cannot accept a heredoc as a destination'],
    ['# escape=x\nFROM a\n', 'Dockerfile:1:1: invalid escape token \'x\' does not match ` or \\'],
    ['# escape=`\n# escape=\\\nFROM a\n', 'Dockerfile:2:1: only one escape parser directive can be used'],
  ])('%j', (text, message) => {
    const err = errorOf(text);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toBe(message);
  });

  it('reports syntax errors anywhere before instruction errors, as docker parses in two phases', () => {
    expect(errorOf('FROM a\nBOGUS x\nENV A=1 B\n').message).toMatch(/^Dockerfile:3:1: Syntax error/);
  });

  it('uses the given file name and exposes the position in detail', () => {
    const err = errorOf('FROM a\n\n   RUN --bad x\n', 'build/app.Dockerfile');
    expect(err.message).toBe('build/app.Dockerfile:3:4: unknown flag: --bad');
    expect(err.detail).toMatchObject({ file: 'build/app.Dockerfile', line: 3, column: 4, reason: 'unknown flag: --bad' });
  });

  it('rejects empty files, files without instructions and files without stages', () => {
    expect(errorOf('').message).toBe('Dockerfile: the Dockerfile cannot be empty');
    expect(errorOf('# just a comment\n\n').message).toBe('Dockerfile: file with no instructions');
    expect(errorOf('ARG A=1\n').message).toBe('Dockerfile: dockerfile contains no stages to build');
  });

  it('accepts flags docker ignores (STOPSIGNAL, ARG) and stops flags at --', () => {
    const df = parseDockerfile('FROM a\nSTOPSIGNAL --x SIGTERM\nRUN -- --not-a-flag\n');
    expect(df.stages[0]!.instructions.map((i) => i.kind)).toEqual(['STOPSIGNAL', 'RUN']);
  });
});

describe('parseTrigger (ONBUILD triggers from a base image)', () => {
  const at = { file: 'Dockerfile', line: 4, column: 1 };
  it('parses the stored expression as one instruction located at the FROM', () => {
    expect(parseTrigger('RUN <<EOF\necho x\nEOF', at)).toMatchObject({ kind: 'RUN', location: { line: 4 }, cmd: { files: [{ data: 'echo x\n' }] } });
  });
  it('rejects bad triggers at the FROM line', () => {
    expect(() => parseTrigger('FORM x', at)).toThrow('Dockerfile:4:1: unknown instruction: FORM (did you mean FROM?)');
    expect(() => parseTrigger('RUN a\nRUN b', at)).toThrow('Dockerfile:4:1: onbuild trigger should be a single expression');
  });
});
