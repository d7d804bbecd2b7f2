import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/build/dockerfile/index.js';
import type { CopyInstruction, RunInstruction } from '../../../src/build/dockerfile/index.js';

const instrs = (text: string) => parseDockerfile(text).stages[0]!.instructions;
const run = (text: string) => instrs(text)[0] as RunInstruction;

describe('parser directives', () => {
  it('records syntax, escape and check at the top of the file', () => {
    const df = parseDockerfile('# syntax=docker/dockerfile:1.7\n#  escape = `\n# check=skip=all\nFROM a\n');
    expect(df).toMatchObject({ syntax: 'docker/dockerfile:1.7', escape: '`', directives: { syntax: 'docker/dockerfile:1.7', escape: '`', check: 'skip=all' } });
  });

  it('stops looking for directives after the first other line', () => {
    for (const text of ['FROM a\n# escape=`\n', '# a comment\n# escape=`\nFROM a\n', '\n# escape=`\nFROM a\n', '# unknown=x\n# escape=`\nFROM a\n']) {
      expect(parseDockerfile(text).escape).toBe('\\');
    }
  });

  it('makes the backtick the escape and continuation character', () => {
    const df = parseDockerfile('# escape=`\nFROM windows\nRUN dir C:\\ `\n  && echo `$x\nCOPY a\\b c\\\n');
    const [r, c] = df.stages[0]!.instructions as [RunInstruction, CopyInstruction];
    expect(r.cmd.args).toEqual(['dir C:\\   && echo `$x']);
    expect(r.location).toMatchObject({ line: 3, endLine: 4 });
    expect(c.sources).toEqual(['a\\b']);
    expect(c.dest).toBe('c\\');
  });

  it('strips a UTF-8 BOM', () => {
    expect(parseDockerfile('\uFEFF# escape=`\nFROM a\n').escape).toBe('`');
  });
});

describe('comments and continuations', () => {
  it('joins continuation lines, keeping the text before the escape and dropping it', () => {
    expect(run('FROM a\nRUN apt-get update \\\n    && apt-get install -y \\\n      curl\n').cmd.args)
      .toEqual(['apt-get update     && apt-get install -y       curl']);
  });

  it('skips comment lines inside a continuation, as BuildKit does', () => {
    const r = run('FROM a\nRUN echo a \\\n# a comment\n    # indented comment\n  b\n');
    expect(r.cmd.args).toEqual(['echo a   b']);
    expect(r.location).toMatchObject({ line: 2, endLine: 5 });
  });

  it('skips empty continuation lines with a warning', () => {
    const df = parseDockerfile('FROM a\nRUN echo a \\\n\n   \n  b\n');
    expect((df.stages[0]!.instructions[0] as RunInstruction).cmd.args).toEqual(['echo a   b']);
    expect(df.warnings).toEqual([{ line: 5, message: 'Empty continuation line found in: RUN echo a   b' }]);
  });

  it('does not continue after an escaped escape, and continues at end of file', () => {
    expect(instrs('FROM a\nRUN echo \\\\\nRUN b\n').length).toBe(2);
    expect(run('FROM a\nRUN echo x \\').cmd.args).toEqual(['echo x']);
  });

  it('ignores comments, blank lines and CRLF line endings', () => {
    const df = parseDockerfile('# c\r\n\r\nFROM a\r\n   # indented comment\r\nRUN x\r\n');
    expect(df.stages[0]!.instructions.map((i) => [i.source, i.location.line])).toEqual([['RUN x', 5]]);
  });
});

describe('heredocs', () => {
  it('runs a heredoc body as the command script', () => {
    const r = run('FROM a\nRUN <<EOF\necho hi\necho "$HOME"\nEOF\nRUN after\n');
    expect(r.cmd).toEqual({ args: ['<<EOF'], shell: true, files: [{ name: 'EOF', data: 'echo hi\necho "$HOME"\n', chomp: false, expand: true, fd: 0 }] });
    expect(r.location).toMatchObject({ line: 2, endLine: 5 });
  });

  it('strips leading tabs of <<- only when chomping, and matches tab-indented terminators', () => {
    const r = run('FROM a\nRUN <<-EOT\n\tindented\n\t\tEOT\n');
    expect(r.cmd.files).toEqual([{ name: 'EOT', data: '\tindented\n', chomp: true, expand: true, fd: 0 }]);
  });

  it('marks quoted delimiters as not expanding', () => {
    for (const marker of ['<<"EOF"', "<<'EOF'", '<<E"O"F']) {
      expect(run(`FROM a\nRUN ${marker}\n$X\nEOF\n`).cmd.files[0]).toMatchObject({ name: 'EOF', expand: false });
    }
  });

  it('reads several heredocs in order, with descriptors', () => {
    const r = run('FROM a\nRUN cat <<A 3<<B > /x\na\nA\nb\nB\n');
    expect(r.cmd.args).toEqual(['cat <<A 3<<B > /x']);
    expect(r.cmd.files.map((f) => [f.name, f.data, f.fd])).toEqual([['A', 'a\n', 0], ['B', 'b\n', 3]]);
  });

  it('uses heredocs as COPY sources (chomped for <<-)', () => {
    const c = instrs('FROM a\nCOPY <<one <<-"two" /dst/\n1 $X\none\n\t2 $X\n\ttwo\n')[0] as CopyInstruction;
    expect(c.sources).toEqual([]);
    expect(c.inline).toEqual([{ name: 'one', data: '1 $X\n', expand: true }, { name: 'two', data: '2 $X\n', expand: false }]);
    expect(c.dest).toBe('/dst/');
  });

  it('does not treat exec form or other instructions as heredocs', () => {
    // The line after an exec-form RUN is an instruction again, not a heredoc body.
    expect(() => run('FROM a\nRUN ["cat", "<<EOF"]\nEOF\n')).toThrow('Dockerfile:3:1: unknown instruction: EOF');
    expect(parseDockerfile('FROM a\nENV A=<<EOF\n').stages[0]!.instructions).toHaveLength(1);
  });

  it('keeps heredoc bodies in ONBUILD expressions', () => {
    const i = instrs('FROM a\nONBUILD RUN <<EOF\necho x\nEOF\n')[0]!;
    expect(i).toMatchObject({ kind: 'ONBUILD', expression: 'RUN <<EOF\necho x\nEOF' });
  });
});
