/**
 * The fields-only fast path of compiled templates (default tables of images/ps): plain rows skip
 * the evaluator, everything else goes through it with identical output and errors.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { asMap, compileTemplate, displayWidth, formatList } from '../../../src/cli/format/index.js';
import { expectInvalid } from './fixtures.js';

// counts the evaluator's runs (a plain wrapper: the template engine must behave exactly as before)
const evaluator = vi.hoisted(() => ({ runs: 0 }));
vi.mock('../../../src/cli/format/template-exec.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../src/cli/format/template-exec.js')>();
  const executeNodes: typeof mod.executeNodes = (...args) => { evaluator.runs++; return mod.executeNodes(...args); };
  return { ...mod, executeNodes };
});

const row = { Repository: 'bench/tag-1', Tag: 'latest', ID: 'e14bdbe88188', CreatedSince: '2 hours ago', Size: '1.99MB' };
const table = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';

describe('fields-only templates', () => {
  beforeEach(() => { evaluator.runs = 0; });

  it('render plain string rows without running the evaluator per row', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ ...row, Repository: `bench/tag-${i}` }));
    const out = formatList(rows, { defaultTable: table, headers: { ID: 'IMAGE ID', CreatedSince: 'CREATED' } });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(201);
    expect(lines[0]).toBe('REPOSITORY      TAG       IMAGE ID       CREATED       SIZE');
    expect(lines[1]).toBe('bench/tag-0     latest    e14bdbe88188   2 hours ago   1.99MB');
    // the header is rendered by the evaluator (partial mode); no row is
    expect(evaluator.runs).toBeLessThanOrEqual(1);
  });

  it('give the evaluator’s output for non-string fields, Go maps and methods', () => {
    const t = compileTemplate('{{.N}}|{{.B}}|{{.L}}|{{.F}}');
    const data = { N: 1.5, B: true, L: ['a', 'b'], F: () => 'called' };
    expect(t.execute(data)).toBe('1.5|true|[a b]|called');
    expect(compileTemplate('{{.a}}').execute(asMap({ a: 'x' }))).toBe('x');
    expect(compileTemplate('{{.a}}').execute(asMap({}))).toBe('<no value>');
    expect(compileTemplate('{{.a}}').execute(new Map([['a', 'm']]))).toBe('m');
    expect(evaluator.runs).toBe(4);
  });

  it('keep the evaluator’s errors for unknown fields and prototype members', () => {
    expectInvalid(() => compileTemplate('{{.Nope}}').execute(row), /unknown field "Nope"/);
    expectInvalid(() => compileTemplate('{{.toString}}').execute(row), /unknown field "toString"/);
    // not a plain object: the evaluator decides (it reads inherited fields)
    expect(compileTemplate('{{.X}}').execute(Object.create({ X: 'inherited' }))).toBe('inherited');
  });

  it('are only text and single top-level fields (pipes, functions and nesting take the full path)', () => {
    const data = { A: 'a', B: { C: 'c' } };
    expect(compileTemplate('{{.A | upper}} {{.B.C}} {{if .A}}y{{end}} {{printf "%s" .A}}').execute(data)).toBe('A c y a');
    expect(evaluator.runs).toBe(1);
  });
});

describe('displayWidth', () => {
  it('counts printable ASCII one column per character and keeps wide and combining rules', () => {
    expect(displayWidth('bench/tag-1   latest')).toBe(20);
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\tb')).toBe(2);
    expect(displayWidth('é🙂x')).toBe(4);
  });
});
