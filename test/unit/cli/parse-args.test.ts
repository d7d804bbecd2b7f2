import { describe, expect, it } from 'vitest';
import { FlagError, parseArgs } from '../../../src/cli/parse-args.js';
import { checkGoDuration, goQuote, parseGoBool, parseGoInt } from '../../../src/cli/flag-values.js';
import { imagesDef, logsDef, psDef, runDef } from './fixtures.js';

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FlagError);
    return (err as Error).message;
  }
  throw new Error('expected a FlagError');
};

describe('parseArgs: pflag syntax', () => {
  const ok: [string, string[], Record<string, unknown>, string[]][] = [
    ['long bool', ['--all'], { all: true }, []],
    ['long bool =false', ['--all=false'], { all: false }, []],
    ['long value', ['--filter', 'dangling=true'], { filter: ['dangling=true'] }, []],
    ['long =value', ['--format={{.ID}}'], { format: '{{.ID}}' }, []],
    ['long empty =value', ['--format='], { format: '' }, []],
    ['short bool', ['-a'], { all: true }, []],
    ['combined bools', ['-aq'], { all: true, quiet: true }, []],
    ['short value', ['-f', 'x=1'], { filter: ['x=1'] }, []],
    ['short glued value', ['-fx=1'], { filter: ['x=1'] }, []],
    ['short =value', ['-f=x=1'], { filter: ['x=1'] }, []],
    ['bools then value', ['-aqf', 'x=1'], { all: true, quiet: true, filter: ['x=1'] }, []],
    ['stringArray repeats', ['-f', 'a=1', '--filter', 'b=2', '-fc=3'], { filter: ['a=1', 'b=2', 'c=3'] }, []],
    ['interspersed', ['busybox', '-a'], { all: true }, ['busybox']],
    ['-- ends flags', ['--', '-a'], { all: false }, ['-a']],
    ['lone dash is an arg', ['-'], {}, ['-']],
    ['defaults', [], { all: false, filter: [], format: undefined, quiet: false }, []],
  ];
  it.each(ok)('%s', (_n, argv, flags, args) => {
    const p = parseArgs(imagesDef.flags, argv);
    expect(p.flags).toMatchObject(flags);
    expect(p.args).toEqual(args);
  });

  it('fills int and string defaults and reports changed flags', () => {
    expect(parseArgs(psDef.flags, []).flags.last).toBe(-1);
    expect(parseArgs(logsDef.flags, []).flags.tail).toBe('all');
    const p = parseArgs(psDef.flags, ['-n', '3']);
    expect(p.flags.last).toBe(3);
    expect([...p.changed]).toEqual(['last']);
  });

  it('run: -it, -p8080:80, -e, -h hostname and stopAtFirstArg', () => {
    const p = parseArgs(runDef.flags, ['-it', '-p8080:80', '-e', 'A=1', '--rm', '-h', 'box', 'alpine', 'ls', '-la', '--all'], { stopAtFirstArg: true });
    expect(p.flags).toMatchObject({ interactive: true, tty: true, publish: ['8080:80'], env: ['A=1'], rm: true, hostname: 'box' });
    expect(p.args).toEqual(['alpine', 'ls', '-la', '--all']);
    expect(p.help).toBe(false);
    expect(parseArgs(runDef.flags, ['-ti'], { stopAtFirstArg: true }).flags).toMatchObject({ interactive: true, tty: true });
    expect(parseArgs(runDef.flags, ['alpine', '--help'], { stopAtFirstArg: true }).help).toBe(false);
  });

  it('--help and -h (only when the verb does not own -h)', () => {
    expect(parseArgs(imagesDef.flags, ['--help']).help).toBe(true);
    const p = parseArgs(imagesDef.flags, ['-ah']);
    expect(p.help && p.helpShorthand && p.flags.all).toBe(true);
    expect(parseArgs(runDef.flags, ['--help']).help).toBe(true);
  });

  it('durations are validated and kept as text', () => {
    expect(parseArgs(runDef.flags, ['--health-interval', '1m30s']).flags['health-interval']).toBe('1m30s');
  });
});

describe('parseArgs: docker error texts', () => {
  const cases: [string[], string, typeof imagesDef.flags?][] = [
    [['--foo'], 'unknown flag: --foo'],
    [['--foo=1'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-az'], "unknown shorthand flag: 'z' in -z"],
    [['--filter'], 'flag needs an argument: --filter'],
    [['-f'], "flag needs an argument: 'f' in -f"],
    [['-af'], "flag needs an argument: 'f' in -f"],
    [['---x'], 'bad flag syntax: ---x'],
    [['--=x'], 'bad flag syntax: --=x'],
    [['--all=foo'], 'invalid argument "foo" for "-a, --all" flag: strconv.ParseBool: parsing "foo": invalid syntax'],
    [['--digests=2'], 'invalid argument "2" for "--digests" flag: strconv.ParseBool: parsing "2": invalid syntax'],
    [['-n', 'x'], 'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax', psDef.flags],
    [['--last=5x'], 'invalid argument "5x" for "-n, --last" flag: strconv.ParseInt: parsing "5x": invalid syntax', psDef.flags],
    [['-n', '99999999999999999999'], 'invalid argument "99999999999999999999" for "-n, --last" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range', psDef.flags],
    [['--health-interval', 'x'], 'invalid argument "x" for "--health-interval" flag: time: invalid duration "x"', runDef.flags],
    [['--health-interval', '1'], 'invalid argument "1" for "--health-interval" flag: time: missing unit in duration "1"', runDef.flags],
    [['--health-interval', '1x'], 'invalid argument "1x" for "--health-interval" flag: time: unknown unit "x" in duration "1x"', runDef.flags],
  ];
  it.each(cases)('%j', (argv, message, flags) => {
    expect(errorOf(() => parseArgs(flags ?? imagesDef.flags, argv))).toBe(message);
  });
});

describe('Go value parsing', () => {
  it('ParseInt base 0', () => {
    expect([parseGoInt('0x10'), parseGoInt('010'), parseGoInt('0b11'), parseGoInt('0o7'), parseGoInt('1_000'), parseGoInt('-5'), parseGoInt('+5')])
      .toEqual([16, 8, 3, 7, 1000, -5, 5]);
    expect(() => parseGoInt('1__0')).toThrow('invalid syntax');
    expect(() => parseGoInt('')).toThrow('parsing "": invalid syntax');
  });
  it('ParseBool accepts Go spellings', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(parseGoBool)).toEqual(Array(6).fill(true));
    expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(parseGoBool)).toEqual(Array(6).fill(false));
  });
  it('ParseDuration', () => {
    for (const ok of ['0', '1s', '1.5h', '-1h30m', '.5s', '10µs', '3ns']) expect(checkGoDuration(ok)).toBe(ok);
    for (const bad of ['', '.s', 's', '1', '1x']) expect(() => checkGoDuration(bad)).toThrow();
  });
  it('%q quoting', () => {
    expect(goQuote('a"b\tc\\')).toBe('"a\\"b\\tc\\\\"');
    expect(goQuote('\x01')).toBe('"\\x01"');
  });
});
