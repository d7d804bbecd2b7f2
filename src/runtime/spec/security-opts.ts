/**
 * --security-opt parsing: the docker CLI's checks (key and value, "=" or the legacy ":"),
 * then dockerd's per-key handling. Profile files are not read here; see loadSeccompProfileFile.
 */
import { invalid } from '../../lib/errors.js';
import { parseSeccompProfile } from './seccomp/load.js';
import type { SeccompProfile } from './seccomp/types.js';

export type SeccompOpt =
  | { kind: 'default' }
  | { kind: 'unconfined' }
  /** A path to read (what the CLI receives). */
  | { kind: 'file'; path: string }
  /** Profile JSON already inline (what the API receives after the CLI read the file). */
  | { kind: 'inline'; profile: SeccompProfile };

export interface SecurityOpts {
  noNewPrivileges: boolean;
  seccomp: SeccompOpt;
  /** systempaths=unconfined: empty maskedPaths/readonlyPaths. */
  systemPathsUnconfined: boolean;
  writableCgroups?: boolean;
  /** Accepted for compatibility but without effect on this host, with why. */
  ignored: string[];
}

/** Go's strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function split(opt: string): [string, string] {
  let i = opt.indexOf('=');
  if (i < 0 && opt !== 'no-new-privileges') i = opt.indexOf(':');
  const [k, v] = i < 0 ? [opt, ''] : [opt.slice(0, i), opt.slice(i + 1)];
  if (v === '' && k !== 'no-new-privileges') throw invalid(`invalid --security-opt: "${opt}"`);
  return [k, v];
}

export function parseSecurityOpts(opts: readonly string[]): SecurityOpts {
  const out: SecurityOpts = { noNewPrivileges: false, seccomp: { kind: 'default' }, systemPathsUnconfined: false, ignored: [] };
  for (const opt of opts) {
    if (opt === 'systempaths=unconfined') {
      out.systemPathsUnconfined = true;
      continue;
    }
    const [k, v] = split(opt);
    // dockerd's wording for keys and values the CLI let through.
    const bad = () => invalid(`invalid --security-opt 2: "${opt}"`);
    switch (k) {
      case 'no-new-privileges': {
        const b = v === '' ? true : parseBool(v);
        if (b === undefined) throw bad();
        out.noNewPrivileges = b;
        break;
      }
      case 'seccomp':
        if (v === 'unconfined') out.seccomp = { kind: 'unconfined' };
        else if (v === 'builtin') out.seccomp = { kind: 'default' };
        else if (v.trimStart().startsWith('{')) out.seccomp = { kind: 'inline', profile: parseSeccompProfile(v) };
        else out.seccomp = { kind: 'file', path: v };
        break;
      case 'label':
        // "disable" asks for no labelling, which is what berth always does.
        if (v !== 'disable') out.ignored.push(`${opt}: SELinux labels are not applied (SELinux is not used by berth)`);
        break;
      case 'apparmor':
        out.ignored.push(`${opt}: AppArmor profiles are not applied (berth loads no AppArmor profile)`);
        break;
      case 'writable-cgroups': {
        const b = parseBool(v);
        if (b === undefined) throw bad();
        out.writableCgroups = b;
        break;
      }
      default:
        throw bad();
    }
  }
  return out;
}
