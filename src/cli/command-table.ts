/**
 * The one list of verbs. Adding a verb is one import and one array entry; resolution, help,
 * aliases and completion all derive from the CommandDefs here.
 */
import type { CommandDef } from './command.js';
import { versionCommand } from './commands/version.js';
import { imageLs } from './commands/image/ls.js';
import { imageInspect } from './commands/image/inspect.js';
import { imageHistory } from './commands/image/history.js';
import { imageTag } from './commands/image/tag.js';
import { imageRm } from './commands/image/rm.js';
import { imagePrune } from './commands/image/prune.js';
import { imageImport } from './commands/image/import.js';
import { imageLoad } from './commands/image/load.js';
import { imageSave } from './commands/image/save.js';
import { imageDemo } from './commands/image/demo.js';
import { systemDf } from './commands/system/df.js';
import { systemEvents } from './commands/system/events.js';
import { systemInfo } from './commands/system/info.js';
import { inspectCommand } from './commands/inspect.js';
import { runCommand } from './commands/container/run.js';
import { createCommand } from './commands/container/create.js';
import { startCommand } from './commands/container/start.js';
import { psCommand } from './commands/container/ps.js';
import { logsCommand } from './commands/container/logs.js';
import { attachCommand } from './commands/container/attach.js';
import { execCleanupCommand, execCommand } from './commands/container/exec.js';
import { containerInspect, containerPrune } from './commands/container/inspect.js';
import { topCommand } from './commands/container/top.js';
import { statsCommand } from './commands/container/stats.js';
import { updateCommand } from './commands/container/update.js';
import { systemPrune } from './commands/system/prune.js';
import { tuiCommand } from './commands/tui.js';
import {
  cleanupCommand, killCommand, pauseCommand, renameCommand, restartCommand, rmCommand, stopCommand, unpauseCommand, waitCommand,
} from './commands/container/lifecycle.js';
import { cpCommand } from './commands/container/cp.js';
import { diffCommand } from './commands/container/diff.js';
import { exportCommand } from './commands/container/export.js';
import { commitCommand } from './commands/container/commit.js';
import { healthcheckRun } from './commands/container/healthcheck.js';
import { systemBoot } from './commands/system/boot.js';
import { imagePull } from './commands/image/pull.js';
import { imagePush } from './commands/image/push.js';
import { loginCommand } from './commands/system/login.js';
import { logoutCommand } from './commands/system/logout.js';
import { buildCommand } from './commands/image/build.js';
import { builderPrune } from './commands/builder/prune.js';

import { volumeCreate } from './commands/volume/create.js';
import { volumeLs } from './commands/volume/ls.js';
import { volumeInspect } from './commands/volume/inspect.js';
import { networkLs } from './commands/network/ls.js';
import { networkInspect } from './commands/network/inspect.js';
import { volumeRm } from './commands/volume/rm.js';
import { volumePrune } from './commands/volume/prune.js';
import { portCommand } from './commands/container/port.js';
import { systemReset } from './commands/system/reset.js';
import { systemCheck } from './commands/system/check.js';
import { serveCommand } from './commands/system/serve.js';

/** Every verb, in any order (help sorts by name). */
export const COMMANDS: CommandDef[] = [
  volumeCreate, volumeLs, volumeInspect, volumeRm, volumePrune, portCommand, systemReset, systemCheck,
  versionCommand, inspectCommand, tuiCommand,
  imagePull, imagePush, loginCommand, logoutCommand,
  imageLs, imageInspect, imageHistory, imageTag, imageRm, imagePrune, imageImport, imageLoad, imageSave, imageDemo,
  systemDf, systemEvents, systemInfo, systemPrune,
  topCommand, statsCommand, updateCommand,
  runCommand, createCommand, startCommand, psCommand, logsCommand, attachCommand, containerInspect, containerPrune,
  stopCommand, restartCommand, killCommand, pauseCommand, unpauseCommand, rmCommand, renameCommand, waitCommand, cleanupCommand,
  execCommand, execCleanupCommand,
  cpCommand, diffCommand, exportCommand, commitCommand,
  healthcheckRun, systemBoot,
  buildCommand, builderPrune,
  serveCommand,
  networkLs, networkInspect,
];

/** Adds verbs at run time (tests, plugins); the static list above is the normal place. */
export function registerCommands(...defs: CommandDef[]): void {
  COMMANDS.push(...defs);
}

/** Management commands ("berth image …"); a group is listed only once it has a registered verb. */
export const GROUPS: Record<string, string> = {
  builder: 'Manage builds',
  container: 'Manage containers',
  image: 'Manage images',
  network: 'Manage networks',
  system: 'Manage berth',
  volume: 'Manage volumes',
};

/** docker's "Common Commands" section, in docker's order; unregistered names are skipped. */
export const COMMON_COMMANDS = ['run', 'exec', 'ps', 'build', 'pull', 'push', 'images', 'login', 'logout', 'search', 'version', 'info'];

export function groupDescription(group: string): string {
  return GROUPS[group] ?? `Manage ${group}`;
}
