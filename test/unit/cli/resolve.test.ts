import { describe, expect, it } from 'vitest';
import { findCommand } from '../../../src/cli/resolve.js';
import { completeWords } from '../../../src/cli/complete.js';
import { COMMANDS, registerCommands } from '../../../src/cli/command-table.js';
import { imagesDef, psDef, rmiDef, runDef, TABLE } from './fixtures.js';

describe('findCommand', () => {
  it.each([
    [['images'], imagesDef, ['images']],
    [['image', 'ls'], imagesDef, ['image', 'ls']],
    [['image', 'list'], imagesDef, ['image', 'ls']],
    [['rmi'], rmiDef, ['rmi']],
    [['image', 'remove'], rmiDef, ['image', 'rm']],
    [['ps'], psDef, ['ps']],
    [['container', 'ps'], psDef, ['container', 'ls']],
    [['container', 'list'], psDef, ['container', 'ls']],
  ])('%j', (tokens, def, path) => {
    const r = findCommand([...tokens, 'x'], TABLE);
    expect(r).toMatchObject({ kind: 'command', def, path, rest: ['x'] });
  });
  it('groups, unknowns, nothing', () => {
    expect(findCommand(['image'], TABLE)).toEqual({ kind: 'group', group: 'image', rest: [] });
    expect(findCommand(['image', '--help'], TABLE)).toEqual({ kind: 'group', group: 'image', rest: ['--help'] });
    expect(findCommand(['image', 'nope'], TABLE)).toEqual({ kind: 'unknown', group: 'image', name: 'nope' });
    expect(findCommand(['nope'], TABLE)).toEqual({ kind: 'unknown', name: 'nope' });
    expect(findCommand([], TABLE)).toEqual({ kind: 'none' });
  });
  it('the default table has version, and registerCommands extends it', () => {
    expect(findCommand(['version'])).toMatchObject({ kind: 'command', path: ['version'] });
    const before = COMMANDS.length;
    registerCommands({ ...imagesDef, path: ['zz-test'], aliases: [] });
    expect(findCommand(['zz-test'])).toMatchObject({ kind: 'command' });
    COMMANDS.splice(before);
  });
});

describe('completeWords', () => {
  it('first word: verbs, aliases, groups', () => {
    expect(completeWords('im', TABLE)).toEqual(['image', 'images']);
    expect(completeWords('', TABLE)).toContain('container');
    expect(completeWords('', TABLE)).toContain('help');
  });
  it('sub-verbs with aliases', () => {
    expect(completeWords('image ', TABLE)).toEqual(['list', 'ls', 'remove', 'rm', 'tag']);
    expect(completeWords('image l', TABLE)).toEqual(['list', 'ls']);
  });
  it('flags of the resolved verb', () => {
    expect(completeWords('images --a', TABLE)).toEqual(['--all']);
    expect(completeWords('image ls --n', TABLE)).toEqual(['--no-trunc']);
    expect(completeWords('ps -', TABLE)).toContain('-n');
    expect(completeWords('ps -', TABLE)).toContain('--help');
  });
  it('global flags before the verb', () => {
    expect(completeWords('--ro', TABLE)).toEqual(['--root']);
    expect(completeWords('--root /x im', TABLE)).toEqual(['image', 'images']);
    expect(completeWords('-D images --q', TABLE)).toEqual(['--quiet']);
  });
  it('positionals and container arguments are left to the caller', () => {
    expect(completeWords('images bu', TABLE)).toEqual([]);
    expect(completeWords('run alpine --', TABLE)).toEqual([]);
    expect(completeWords('run --r', TABLE)).toEqual(['--rm']);
    expect(runDef.stopAtFirstArg).toBe(true);
  });
});
