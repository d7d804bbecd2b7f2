/**
 * Variable expansion of one instruction, exactly where docker expands: ADD COPY ENV EXPOSE
 * FROM LABEL STOPSIGNAL USER VOLUME WORKDIR and RUN --mount values. ARG defaults are expanded
 * by StageVars.declare (once, and only when no --build-arg overrides them), so ARG is returned
 * unchanged here. RUN/CMD/ENTRYPOINT text, SHELL, HEALTHCHECK, ONBUILD and MAINTAINER are left
 * to the shell (or stored) verbatim. Quote removal happens here too, so the builder must expand
 * every instruction it executes. All values of one instruction see the variables as they were
 * before it (`ENV A=1 B=$A` gives B the old A, as in docker): apply the results afterwards.
 */
import { processWord, processWords, type VarLookup } from './shell-lex.js';
import { parseMount } from './run-mount.js';
import type { EscapeToken, Instruction, KeyValue } from './types.js';

export interface ExpandOptions {
  /** The Dockerfile's escape token (Dockerfile.escape). */
  escape?: EscapeToken;
}

/** Expand a copy of `instr` with `vars`; errors are INVALID_ARGUMENT ("failed to process ..."). */
export function expandInstruction<T extends Instruction>(instr: T, vars: VarLookup, opts: ExpandOptions = {}): T {
  const lex = { escape: opts.escape ?? '\\' };
  const word = (w: string) => processWord(w, vars, lex);
  const opt = (w: string | undefined) => (w === undefined ? undefined : word(w));
  const kvs = (ps: KeyValue[]) => ps.map((p) => ({ ...p, key: word(p.key), value: word(p.value) }));
  const i = instr as Instruction;
  switch (i.kind) {
    case 'FROM':
      return { ...i, image: word(i.image), ...(i.platform !== undefined ? { platform: word(i.platform) } : {}) } as T;
    case 'ENV':
    case 'LABEL':
      return { ...i, pairs: kvs(i.pairs) } as T;
    case 'WORKDIR': return { ...i, path: word(i.path) } as T;
    case 'USER': return { ...i, user: word(i.user) } as T;
    case 'STOPSIGNAL': return { ...i, signal: word(i.signal) } as T;
    case 'VOLUME': return { ...i, paths: i.paths.map(word) } as T;
    // EXPOSE is the one instruction where one word may become several (EXPOSE $PORTS).
    case 'EXPOSE': return { ...i, ports: i.ports.flatMap((p) => processWords(p, vars, lex)) } as T;
    case 'COPY':
    case 'ADD': {
      const out = {
        ...i, sources: i.sources.map(word), dest: word(i.dest),
        // Heredoc sources: only `$` substitution (quotes kept, `\` escapes), unless the
        // delimiter was quoted.
        inline: i.inline.map((c) => (c.expand ? { ...c, data: processWord(c.data, vars, { skipProcessQuotes: true }) } : { ...c })),
      };
      const fields = out as unknown as Record<string, string | undefined>;
      for (const k of ['chown', 'chmod', 'checksum']) if (k in fields) fields[k] = opt(fields[k]);
      return out as T;
    }
    case 'RUN':
      return { ...i, mounts: i.mountSpecs.map((s) => parseMount(s, word)) } as T;
    default:
      return { ...i } as T;
  }
}
