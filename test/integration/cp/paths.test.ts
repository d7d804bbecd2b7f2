/**
 * The pure rules under cp (no container needed): Go's path functions and go-archive's copy
 * decisions, Go FileMode and time encoding, in-root symlink resolution on a plain directory,
 * the CLI's CONTAINER:PATH split, and dockerd's commit config merge.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getRebaseName, goBase, goDir, preserveTrailing, rebaser, splitPathDirEntry, archiveName,
} from '../../../src/container/cp-paths.js';
import { prepareArchiveCopy, type CopyInfo } from '../../../src/container/cp-host.js';
import { GoMode, goFileMode, pathStat, rfc3339Nano } from '../../../src/container/archive-stat.js';
import { lstatInRoot, resolveInRoot } from '../../../src/container/archive-resolve.js';
import { splitCpArg } from '../../../src/cli/commands/container/cp.js';
import { mergeCommitConfig } from '../../../src/container/commit-config.js';

describe('Go path rules', () => {
  it('Base, Dir, SplitPathDirEntry and PreserveTrailingDotOrSeparator behave as Go', () => {
    expect(['/etc/', '/etc/.', '/', '', 'a'].map(goBase)).toEqual(['etc', '.', '/', '.', 'a']);
    expect(['/a/b/', '/a/b', 'a', '/'].map(goDir)).toEqual(['/a/b', '/a', '.', '/']);
    expect(splitPathDirEntry('/etc/.')).toEqual(['/etc', '.']);
    expect(splitPathDirEntry('/etc/passwd')).toEqual(['/etc', 'passwd']);
    expect(splitPathDirEntry('/')).toEqual(['/', '/']);
    expect(preserveTrailing('/etc', 'etc/')).toBe('/etc/');
    expect(preserveTrailing('/etc', '/etc/.')).toBe('/etc/.');
    expect(preserveTrailing('/', '.')).toBe('/.');
    expect(archiveName('/')).toBe('');
    expect(archiveName('/etc/.')).toBe('.');
  });

  it('rebases names as go-archive does', () => {
    expect(['etc/', 'etc/passwd', 'etcetera'].map(rebaser('etc', 'conf'))).toEqual(['conf/', 'conf/passwd', 'etcetera']);
    expect(['./', './x'].map(rebaser('.', 'out'))).toEqual(['out/', 'out/x']);
    expect(['/', '/bin/'].map(rebaser('/', 'root'))).toEqual(['root/', 'root/bin/']);
    expect(getRebaseName('/link/', '/real')).toEqual(['/real/', 'link']);
    expect(getRebaseName('/link', '/dir/link')).toEqual(['/dir/link', '']);
  });

  it('decides the extraction dir and name as PrepareArchiveCopy', () => {
    const info = (path: string, exists: boolean, isDir: boolean, rebaseName = ''): CopyInfo => ({ path, exists, isDir, rebaseName });
    expect(prepareArchiveCopy(info('/s/f', true, false), info('/d', true, true))).toEqual({ dstDir: '/d' });
    expect(prepareArchiveCopy(info('/s/f', true, false), info('/d/g', true, false))).toEqual({ dstDir: '/d', rename: { from: 'f', to: 'g' } });
    expect(prepareArchiveCopy(info('/s/dir', true, true), info('/d/new', false, false))).toEqual({ dstDir: '/d', rename: { from: 'dir', to: 'new' } });
    expect(prepareArchiveCopy(info('/s/dir/.', true, true), info('/d/new', false, false))).toEqual({ dstDir: '/d', rename: { from: '.', to: 'new' } });
    expect(() => prepareArchiveCopy(info('/s/dir', true, true), info('/d/file', true, false))).toThrow('cannot copy directory');
    expect(() => prepareArchiveCopy(info('/s/f', true, false), info('/d/new/', false, false))).toThrow('no such directory');
  });

  it('splits CONTAINER:PATH as the docker CLI', () => {
    expect(splitCpArg('web:/etc')).toEqual(['web', '/etc']);
    expect(splitCpArg('/abs:x')).toEqual(['', '/abs:x']);
    expect(splitCpArg('./a:b')).toEqual(['', './a:b']);
    expect(splitCpArg('file')).toEqual(['', 'file']);
    expect(splitCpArg('-')).toEqual(['', '-']);
  });
});

describe('PathStat encoding', () => {
  it('uses Go FileMode bits and RFC 3339 nanoseconds', () => {
    expect(goFileMode(0o040755)).toBe(GoMode.Dir + 0o755);
    expect(goFileMode(0o120777)).toBe(GoMode.Symlink + 0o777);
    expect(goFileMode(0o020666)).toBe(GoMode.Device + GoMode.CharDevice + 0o666);
    expect(goFileMode(0o104755)).toBe(GoMode.Setuid + 0o755);
    expect(goFileMode(0o041777)).toBe(GoMode.Dir + GoMode.Sticky + 0o777);
    expect(rfc3339Nano(1_700_000_000_120_000_000n)).toBe('2023-11-14T22:13:20.12Z');
    expect(rfc3339Nano(1_700_000_000_000_000_000n)).toBe('2023-11-14T22:13:20Z');
  });
});

describe('in-root resolution', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'berth-resolve-'));
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc', 'passwd'), 'x');
    symlinkSync('/', join(root, 'rootlink'));
    symlinkSync('../../../../etc', join(root, 'climb'));
    symlinkSync('loop2', join(root, 'loop1'));
    symlinkSync('loop1', join(root, 'loop2'));
    symlinkSync('/etc/passwd', join(root, 'pw'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('resolves links relative to the container root, never above it', () => {
    expect(resolveInRoot(root, '/climb/passwd', false)).toEqual({ abs: `${root}/etc/passwd`, path: '/etc/passwd' });
    expect(resolveInRoot(root, '/rootlink/rootlink/etc', true).path).toBe('/etc');
    expect(resolveInRoot(root, '/../../..', true)).toEqual({ abs: root, path: '/' });
    expect(resolveInRoot(root, 'pw', false).path).toBe('/pw');
    expect(resolveInRoot(root, 'pw', true).path).toBe('/etc/passwd');
    expect(resolveInRoot(root, '/nope/../etc/x', true).path).toBe('/etc/x');
    expect(() => resolveInRoot(root, '/loop1/x', true)).toThrow('lstat /loop1/x: too many levels of symbolic links');
  });

  it('lstats like the kernel: "/" and "/." follow the last link and want a directory', () => {
    expect(lstatInRoot(root, '/climb').st.isSymbolicLink()).toBe(true);
    expect(lstatInRoot(root, '/climb/').resolved.path).toBe('/etc');
    expect(() => lstatInRoot(root, '/etc/passwd/')).toThrow('lstat /etc/passwd/: not a directory');
    expect(() => lstatInRoot(root, '/etc/passwd/.')).toThrow('not a directory');
    expect(() => lstatInRoot(root, '/etc/nope')).toThrow('lstat /etc/nope: no such file or directory');
    expect(pathStat('/etc/', lstatSync(join(root, 'etc'))).name).toBe('etc');
  });
});

describe('commit config merge', () => {
  it('keeps dockerd\'s quirks: CMD [] without an entrypoint gets the container\'s Cmd back', () => {
    const ctr = { Cmd: ['sh'], Env: ['A=1', 'B=2'], Labels: { a: '1' }, Volumes: { '/v': {} } };
    const merged = mergeCommitConfig({ ...ctr, Cmd: [], Env: ['B=3'] }, ctr);
    expect(merged.Cmd).toEqual(['sh']);
    expect(merged.Env).toEqual(['B=3', 'A=1']);
    expect(merged.Labels).toEqual({ a: '1' });
  });
});
