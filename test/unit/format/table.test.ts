import { describe, expect, it } from 'vitest';
import { asMap, defaultHeader, formatList, renderTable, resolveFormat, tabwrite } from '../../../src/cli/format/index.js';
import { expectInvalid } from './fixtures.js';

const images = [
  { Repository: 'nginx', Tag: 'latest', ID: 'a6bd71f48f68', CreatedSince: '2 weeks ago', Size: '187MB', Labels: asMap({ 'com.x': 'one' }) },
  { Repository: 'busybox', Tag: '1.36', ID: '3f57d9401f8d', CreatedSince: '3 months ago', Size: '4.26MB', Labels: asMap({}) },
];
const imageTable = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const imageHeaders = { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', Size: 'SIZE' };
const list = (format?: string, extra: object = {}) => formatList(images, { format, defaultTable: imageTable, headers: imageHeaders, ...extra });

describe('renderTable', () => {
  it('pads every column but the last to its widest cell + 3', () => {
    expect(renderTable(['IMAGE ID', 'SIZE'], [['abc', '1MB'], ['defghijklmnop', '2MB']])).toBe(
      'IMAGE ID        SIZE\n' + 'abc             1MB\n' + 'defghijklmnop   2MB\n',
    );
  });

  it('never makes a column narrower than docker’s minwidth of 10', () => {
    expect(renderTable(['A', 'B', 'C'], [['1', '2', '3']])).toBe('A         B         C\n1         2         3\n');
  });

  it('measures wide characters as two columns', () => {
    expect(renderTable(['NAME', 'X'], [['日本語のなまえ', 'y']])).toBe(`NAME${' '.repeat(13)}X\n日本語のなまえ   y\n`);
  });

  it('keeps tabs and newlines inside cells from breaking the layout', () => {
    expect(renderTable(['A', 'B'], [['x\ty', 'z\nw']])).toBe('A         B\nx y       z w\n');
  });

  it('accepts other tabwriter settings', () => {
    expect(renderTable(['A', 'B'], [['1', '2']], { minWidth: 0, padding: 2 })).toBe('A  B\n1  2\n');
  });
});

describe('tabwrite', () => {
  it('aligns only contiguous column blocks (text/tabwriter doc example)', () => {
    const input = 'aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n';
    expect(tabwrite(input, { minWidth: 0, padding: 1 })).toBe('aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n');
  });

  it('lets a line without tabs break the columns', () => {
    expect(tabwrite('a\tb\nplain line\nlonger\tc\n', { minWidth: 0, padding: 1 })).toBe('a b\nplain line\nlonger c\n');
  });
});

describe('formatList', () => {
  it('uses the default table for an empty or "table" format', () => {
    const want =
      'REPOSITORY   TAG       IMAGE ID       CREATED        SIZE\n' +
      'nginx        latest    a6bd71f48f68   2 weeks ago    187MB\n' +
      'busybox      1.36      3f57d9401f8d   3 months ago   4.26MB\n';
    expect(list()).toBe(want);
    expect(list('')).toBe(want);
    expect(list('table')).toBe(want);
  });

  it('prints just the header for an empty list, like `docker ps` with no containers', () => {
    const ps = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
    const headers = { ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', RunningFor: 'CREATED', Status: 'STATUS', Ports: 'PORTS', Names: 'NAMES' };
    expect(formatList([], { defaultTable: ps, headers })).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  it('derives the header of a user table template, with literal \\t typed by the user', () => {
    expect(list('table {{.ID}}\\t{{.Size}}')).toBe('IMAGE ID       SIZE\na6bd71f48f68   187MB\n3f57d9401f8d   4.26MB\n');
  });

  it('titles unknown columns from the field name', () => {
    const rows = [{ CreatedAt: 'x', ID: 'y', IPAddress: 'z' }];
    expect(formatList(rows, { format: 'table {{.CreatedAt}}\t{{.IPAddress}}\t{{.ID}}', defaultTable: '', headers: {} })).toBe(
      'CREATED AT   IP ADDRESS   ID\nx            z            y\n',
    );
  });

  it('keeps header titles intact through string functions, but applies printf padding', () => {
    const out = list('table {{upper .Repository}}\t{{printf "%-14s" .Tag}}|\t{{json .Size}}\t{{index .Labels "com.x"}}');
    expect(out.split('\n')[0]).toBe('REPOSITORY   TAG           |   SIZE       COM.X');
    expect(out.split('\n')[1]).toBe('NGINX        latest        |   "187MB"    one');
  });

  it('titles a method column after its key argument', () => {
    const rows = [{ ID: 'a', Label: (k: string) => `v(${k})` }];
    expect(formatList(rows, { format: 'table {{.ID}}\t{{.Label "com.x"}}', defaultTable: '', headers: {} })).toBe('ID        COM.X\na         v(com.x)\n');
  });

  it('keeps whatever header renders when the header template cannot run (docker ignores it)', () => {
    // Rows range over a map; the header context has no map to range over, so its rendering stops.
    const out = list('table {{.ID}}\t{{range .Labels}}{{.}}{{end}}');
    expect(out).toBe('IMAGE ID       \na6bd71f48f68   one\n3f57d9401f8d   \n');
  });

  it('prints one compact JSON object per line for "json"', () => {
    const rows = [{ ID: 'a', N: 1 }, { ID: 'b<', N: 2 }];
    expect(formatList(rows, { format: 'json', defaultTable: '', headers: {} })).toBe('{"ID":"a","N":1}\n{"ID":"b<","N":2}\n');
  });

  it('runs a raw template once per item, turning typed \\t and \\n into real ones', () => {
    expect(list('{{.Repository}}:{{.Tag}}')).toBe('nginx:latest\nbusybox:1.36\n');
    expect(list('{{.Repository}}\\t{{.Tag}}\\n')).toBe('nginx\tlatest\n\nbusybox\t1.36\n\n');
  });

  it('trims spaces around the template like docker', () => {
    expect(list('table   {{.ID}}  ')).toBe('IMAGE ID\na6bd71f48f68\n3f57d9401f8d\n');
    expect(list('  {{.ID}} ')).toBe('a6bd71f48f68\n3f57d9401f8d\n');
  });

  it('prints only IDs when quiet, whatever the format', () => {
    expect(list('table {{.Size}}', { quiet: true })).toBe('a6bd71f48f68\n3f57d9401f8d\n');
    expect(list(undefined, { quiet: true, quietFormat: '{{.Repository}}' })).toBe('nginx\nbusybox\n');
  });

  it('prints nothing for an empty list outside table mode', () => {
    expect(formatList([], { format: 'json', defaultTable: '', headers: {} })).toBe('');
    expect(formatList([], { format: '{{.ID}}', defaultTable: '', headers: {} })).toBe('');
  });

  it('rejects templates that do not fit the items', () => {
    expectInvalid(() => list('table {{.Nope}}'), /unknown field "Nope"/);
    expectInvalid(() => list('{{.ID'), /unclosed action/);
  });
});

describe('resolveFormat', () => {
  it.each([
    [undefined, { table: true, body: '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}' }],
    ['table', { table: true, body: '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}' }],
    ['json', { table: false, body: '{{json .}}' }],
    ['table {{.ID}}\\n', { table: true, body: '{{.ID}}\n' }],
    ['{{.ID}}', { table: false, body: '{{.ID}}' }],
  ])('%j', (format, want) => {
    expect(resolveFormat({ format, defaultTable: imageTable })).toEqual(want);
  });
});

describe('defaultHeader', () => {
  it.each([
    ['CreatedAt', 'CREATED AT'],
    ['IPAddress', 'IP ADDRESS'],
    ['ID', 'ID'],
    ['RunningFor', 'RUNNING FOR'],
    ['LocalVolumes', 'LOCAL VOLUMES'],
    ['Names', 'NAMES'],
    ['mount_point', 'MOUNT POINT'],
  ])('%s → %s', (field, want) => expect(defaultHeader(field)).toBe(want));
});
