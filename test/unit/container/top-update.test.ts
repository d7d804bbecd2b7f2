import { describe, expect, it } from 'vitest';
import { parsePsOutput, validatePsArgs } from '../../../src/container/top.js';
import { mergeUpdate, updateResources, validateUpdate } from '../../../src/container/update.js';
import { topTable } from '../../../src/cli/commands/container/top.js';
import { parseNanoCpus } from '../../../src/cli/commands/container/update.js';
import { pruneWarning } from '../../../src/cli/commands/system/prune.js';
import { isEngineError } from '../../../src/lib/errors.js';

describe('top (dockerd top_unix.go)', () => {
  it('refuses ps options that rename the PID column (TestContainerTopValidatePSArgs)', () => {
    const cases: [string, boolean][] = [
      ['ae -o uid=PID', true], ['ae -o "uid= PID"', true], ['ae -o "uid=\u2003PID"', false], ['ae o uid=PID', true],
      ['aeo uid=PID', true], ['ae -O uid=PID', true], ['ae -o pid=PID2 -o uid=PID', true], ['ae -o pid=PID', false],
      ['ae -o pid=PID -o uid=PIDX', true], ['aeo pid=PID', false], ['ae', false], ['', false],
    ];
    for (const [args, bad] of cases) {
      if (bad) expect(() => validatePsArgs(args), args).toThrow(/is not allowed/);
      else expect(() => validatePsArgs(args), args).not.toThrow();
    }
    expect(() => validatePsArgs('-o uid=PID')).toThrow('specifying "uid=PID" is not allowed');
  });

  it('keeps the container pids, their thread lines, and the spaces of the last column', () => {
    const out = 'UID   PID  PPID C STIME TTY TIME     CMD\nroot  42   1    0 10:00 ?   00:00:00 sleep 1000\nroot  -    -    0 10:00 ?   00:00:00 -\nroot  100  1    0 10:00 ?   00:00:00 other\n';
    expect(parsePsOutput(out, [42])).toEqual({
      Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      Processes: [['root', '42', '1', '0', '10:00', '?', '00:00:00', 'sleep 1000'], ['root', '-', '-', '0', '10:00', '?', '00:00:00', '-']],
    });
  });

  it('fails without a PID column or on a unicode-space header (TestContainerTopParsePSOutput)', () => {
    expect(() => parsePsOutput('  UID COMMAND\n   42 foo\n', [42])).toThrow("Couldn't find PID field in ps output");
    expect(() => parsePsOutput('\u2003PID COMMAND\n   42 foo\n', [42])).toThrow();
    expect(() => parsePsOutput('PID COMMAND\nx foo\n', [42])).toThrow("Unexpected pid 'x'");
  });

  it('prints through docker top\'s tabwriter (minwidth 20, padding 3)', () => {
    expect(topTable({ Titles: ['PID', 'CMD'], Processes: [['42', 'sleep 1000']] })).toBe(`PID${' '.repeat(17)}CMD\n42${' '.repeat(18)}sleep 1000\n`);
  });
});

describe('update (dockerd Container.UpdateContainer)', () => {
  const id = 'abc';
  it('replaces only what is given and stores the implicit swap default', () => {
    const hc = { Memory: 100 << 20, CpuShares: 512, RestartPolicy: { Name: 'no' as const, MaximumRetryCount: 0 } };
    expect(mergeUpdate(id, hc, { Memory: 150 << 20, NanoCpus: 5e8 })).toEqual({
      Memory: 150 << 20, MemorySwap: 200 << 20, CpuShares: 512, NanoCpus: 5e8, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
    });
    expect(mergeUpdate(id, hc, { PidsLimit: -1, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } })).toMatchObject({
      PidsLimit: 0, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
    });
  });

  it('refuses memory above the stored swap unless swap changes too', () => {
    const err = (() => { try { mergeUpdate(id, {}, { Memory: 64 << 20 }); } catch (e) { return e; } })();
    expect(isEngineError(err, 'CONFLICT')).toBe(true);
    expect((err as Error).message).toBe('Cannot update container abc: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time');
    expect(() => mergeUpdate(id, { Memory: 100 << 20 }, { Memory: 300 << 20 })).toThrow(/memoryswap/);
    expect(mergeUpdate(id, {}, { Memory: 64 << 20, MemorySwap: -1 })).toMatchObject({ Memory: 64 << 20, MemorySwap: -1 });
  });

  it('refuses a restart policy for an --rm container', () => {
    expect(() => mergeUpdate(id, { AutoRemove: true }, { RestartPolicy: { Name: 'always' } })).toThrow('Cannot update container abc: Restart policy cannot be updated because AutoRemove is enabled for the container');
    expect(() => mergeUpdate(id, { AutoRemove: true }, { RestartPolicy: { Name: 'no' } })).not.toThrow();
  });

  it('validates with the create rules, except swap may change alone', () => {
    expect(() => validateUpdate({ Memory: 1024 })).toThrow('Minimum memory limit allowed is 6MB');
    expect(() => validateUpdate({ Memory: 100 << 20, MemorySwap: 50 << 20 })).toThrow('Minimum memoryswap limit should be larger than memory limit, see usage');
    expect(() => validateUpdate({ MemorySwap: 50 << 20 })).not.toThrow();
    expect(() => validateUpdate({ NanoCpus: 1e15 })).toThrow(/CPUs is from 0\.01/);
    expect(() => validateUpdate({ RestartPolicy: { Name: 'always', MaximumRetryCount: 2 } })).toThrow("invalid restart policy: maximum retry count can only be used with 'on-failure'");
  });

  it('sends runc only the request\'s settings (dockerd toContainerdResources)', () => {
    expect(updateResources({ NanoCpus: 5e8 })).toEqual({ cpu: { period: 100000, quota: 50000 } });
    expect(updateResources({ Memory: 64 << 20, MemorySwap: -1, CpuShares: 256, PidsLimit: 0 })).toEqual({
      memory: { limit: 64 << 20 }, cpu: { shares: 256 }, pids: { limit: -1 },
    });
    expect(updateResources({ RestartPolicy: { Name: 'always' } })).toEqual({});
  });

  it('parses --cpus as docker\'s big.Rat', () => {
    expect(parseNanoCpus('0.5')).toBe(5e8);
    expect(parseNanoCpus('2')).toBe(2e9);
    expect(parseNanoCpus('3/2')).toBe(1.5e9);
    expect(parseNanoCpus('15e-1')).toBe(1.5e9);
    expect(() => parseNanoCpus('0.0000000001')).toThrow('value is too precise');
    expect(() => parseNanoCpus('abc')).toThrow('failed to parse abc as a rational number');
  });
});

describe('system prune confirmation (docker confirmationTemplate)', () => {
  it('lists what goes, with --volumes, -a and filters', () => {
    expect(pruneWarning({ all: false, volumes: false, filters: {} })).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n',
    );
    expect(pruneWarning({ all: true, volumes: true, filters: { until: ['10m'], label: ['b', 'a=1'] } })).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n'
      + '  - all anonymous volumes not used by at least one container\n  - all images without at least one container associated to them\n  - all build cache\n'
      + '\n  Items to be pruned will be filtered with:\n  - label=a=1\n  - label=b\n  - until=10m\n',
    );
  });
});
