import { describe, expect, it } from 'vitest';
import { commandHelp, groupHelp, rootHelp, useLine } from '../../../src/cli/help.js';
import { flagUsages, wrapText } from '../../../src/cli/help-flags.js';
import { GLOBAL_FLAGS } from '../../../src/cli/global-flags.js';
import { imagesDef, logsDef, psDef, rmiDef, runDef, tagDef, TABLE } from './fixtures.js';

// Captured from `docker <verb> --help` (v28.2.2, 80 columns) with the binary name swapped.
const DOCKER_IMAGE_LS = "Usage:  berth image ls [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n\nAliases:\n  berth image ls, berth image list, berth images\n\nOptions:\n  -a, --all             Show all images (default hides intermediate images)\n      --digests         Show digests\n  -f, --filter filter   Filter output based on conditions provided\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only show image IDs\n      --tree            List multi-platform images as a tree (EXPERIMENTAL)\n";
const DOCKER_IMAGES = "Usage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n\nAliases:\n  berth image ls, berth image list, berth images\n\nOptions:\n  -a, --all             Show all images (default hides intermediate images)\n      --digests         Show digests\n  -f, --filter filter   Filter output based on conditions provided\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only show image IDs\n      --tree            List multi-platform images as a tree (EXPERIMENTAL)\n";
const DOCKER_PS = "Usage:  berth ps [OPTIONS]\n\nList containers\n\nAliases:\n  berth container ls, berth container list, berth container ps, berth ps\n\nOptions:\n  -a, --all             Show all containers (default shows just running)\n  -f, --filter filter   Filter output based on conditions provided\n      --format string   Format output using a custom template:\n                        'table':            Print output in table format\n                        with column headers (default)\n                        'table TEMPLATE':   Print output in table format\n                        using the given Go template\n                        'json':             Print in JSON format\n                        'TEMPLATE':         Print output using the given\n                        Go template.\n                        Refer to https://docs.docker.com/go/formatting/\n                        for more information about formatting output with\n                        templates\n  -n, --last int        Show n last created containers (includes all\n                        states) (default -1)\n  -l, --latest          Show the latest created container (includes all\n                        states)\n      --no-trunc        Don't truncate output\n  -q, --quiet           Only display container IDs\n  -s, --size            Display total file sizes\n";
const DOCKER_LOGS_40 = "Usage:  berth logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n\nAliases:\n  berth container logs, berth logs\n\nOptions:\n      --details        Show extra details provided to logs\n  -f, --follow         Follow log output\n      --since string   Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)\n  -n, --tail string    Number of lines to show from the end of the logs (default \"all\")\n  -t, --timestamps     Show timestamps\n      --until string   Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)\n";
const DOCKER_LOGS_45 = "Usage:  berth logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n\nAliases:\n  berth container logs, berth logs\n\nOptions:\n      --details        \n                Show extra details\n                provided to logs\n  -f, --follow         \n                Follow log output\n      --since string   \n                Show logs since\n                timestamp (e.g.\n                \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)\n  -n, --tail string    \n                Number of lines to\n                show from the end of\n                the logs (default \"all\")\n  -t, --timestamps     \n                Show timestamps\n      --until string   \n                Show logs before a\n                timestamp (e.g.\n                \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)\n";
const DOCKER_LOGS = "Usage:  berth logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n\nAliases:\n  berth container logs, berth logs\n\nOptions:\n      --details        Show extra details provided to logs\n  -f, --follow         Follow log output\n      --since string   Show logs since timestamp (e.g.\n                       \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\"\n                       for 42 minutes)\n  -n, --tail string    Number of lines to show from the end of the logs\n                       (default \"all\")\n  -t, --timestamps     Show timestamps\n      --until string   Show logs before a timestamp (e.g.\n                       \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\"\n                       for 42 minutes)\n";

describe('verb help, byte-for-byte with docker', () => {
  it('image ls (canonical path)', () => expect(commandHelp(imagesDef, ['image', 'ls'], 79)).toBe(DOCKER_IMAGE_LS));
  it('images (top-level alias keeps its own name)', () => expect(commandHelp(imagesDef, ['images'], 79)).toBe(DOCKER_IMAGES));
  it('ps: int default, alias order', () => expect(commandHelp(psDef, ['ps'], 79)).toBe(DOCKER_PS));
  it('logs: quoted string default, wrapping', () => expect(commandHelp(logsDef, ['logs'], 79)).toBe(DOCKER_LOGS));
  it('tag: no Options section when a verb has no flags', () => {
    expect(commandHelp(tagDef, ['tag'], 79)).toBe(
      'Usage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n\n' +
      'Aliases:\n  berth image tag, berth tag\n');
  });
  it('key lines of rmi help', () => {
    const lines = commandHelp(rmiDef, ['rmi'], 79).split('\n');
    expect(lines[0]).toBe('Usage:  berth rmi [OPTIONS] IMAGE [IMAGE...]');
    expect(lines).toContain('  berth image rm, berth image remove, berth rmi');
    expect(lines).toContain('  -f, --force      Force removal of the image');
    expect(lines).toContain('      --no-prune   Do not delete untagged parents');
  });
  it('run: -h belongs to --hostname, help flag stays hidden', () => {
    const text = commandHelp(runDef, ['run'], 79);
    expect(text).toContain('  -h, --hostname string');
    expect(text).not.toContain('--help');
  });
  it('useLine', () => expect(useLine(tagDef, ['image', 'tag'])).toBe('berth image tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]'));
});

describe('flag usage columns', () => {
  it('no wrapping at cols 0 keeps embedded newlines indented', () => {
    const text = flagUsages([{ name: 'x', type: 'string', description: 'a\nb' }], 0);
    expect(text).toBe('      --x string   a\n                   b\n');
  });
  it('narrow terminals move the text below (pflag block wrap)', () => {
    expect(wrapText(30, 40, 'one two three four five six seven')).toBe(
      '\n                one two three four\n                five six seven');
  });
  it('matches docker on 40- and 45-column terminals', () => {
    expect(commandHelp(logsDef, ['logs'], 39)).toBe(DOCKER_LOGS_40);
    expect(commandHelp(logsDef, ['logs'], 44)).toBe(DOCKER_LOGS_45);
  });
  it('backquoted value names', () => {
    expect(flagUsages([{ name: 'shm', type: 'string', description: 'Size of `bytes` for shm' }], 0)).toBe('      --shm bytes   Size of bytes for shm\n');
  });
});

describe('group and root help', () => {
  it('group lists canonical sub-verbs sorted, docker layout', () => {
    expect(groupHelp('image', TABLE)).toBe(
      'Usage:  berth image COMMAND\n\nManage images\n\nCommands:\n' +
      '  ls          List images\n  rm          Remove one or more images\n' +
      '  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n\n' +
      "Run 'berth image COMMAND --help' for more information on a command.\n");
  });
  it('root help sections', () => {
    const text = rootHelp(GLOBAL_FLAGS, 79, TABLE);
    expect(text.startsWith('Usage:  berth [OPTIONS] COMMAND\n\n')).toBe(true);
    expect(text).toContain('Common Commands:\n  run         Create and run a new container from an image\n  ps          List containers\n  images      List images\n');
    expect(text).toContain('Management Commands:\n  container   Manage containers\n  image       Manage images\n');
    expect(text).toContain('Commands:\n  commit      ');
    expect(text).toContain('  rmi         Remove one or more images\n');
    expect(text).toContain('  -l, --log-level string   Set the logging level ("debug", "info",\n                           "warn", "error", "fatal") (default "info")\n');
    expect(text.endsWith("\n\nRun 'berth COMMAND --help' for more information on a command.\n")).toBe(true);
  });
});
