/**
 * Build events as the legacy builder's text stream (`Step N/M : …`, ` ---> Using cache`,
 * ` ---> Running in <id>`, ` ---> <id>`, `Successfully built/tagged`): what `berth build
 * --progress plain` prints and what the API server's {"stream": …} messages carry. With
 * `explain`, each miss adds ` ---> Cache miss: <reason>` (berth's addition).
 */
import type { BuildEvent } from './types.js';

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export function legacyText(e: BuildEvent, opts: { explain?: boolean } = {}): string {
  switch (e.type) {
    case 'step': return `Step ${e.ref.step}/${e.ref.total} : ${e.text}\n`;
    case 'cached': return ' ---> Using cache\n';
    case 'miss': return opts.explain ? ` ---> Cache miss: ${e.reason}\n` : '';
    case 'triggers': return `# Executing ${e.count} build trigger${e.count > 1 ? 's' : ''}\n`;
    case 'container': return ` ---> Running in ${short(e.id)}\n`;
    case 'output': return e.data;
    case 'container-removed': return ` ---> Removed intermediate container ${short(e.id)}\n`;
    // meta ARG steps (before the first FROM) print nothing after their Step line
    case 'step-done': return e.ref.stage === '' ? '' : ` ---> ${short(e.imageId)}\n`;
    case 'warning':
    case 'note': return `${e.message}\n`;
    case 'built': return `Successfully built ${short(e.imageId)}\n`;
    case 'tagged': return `Successfully tagged ${e.reference}\n`;
    case 'error': return '';
  }
}
