/** The per-container monitor (conmon 2.1.6): create, attach, resize, exec, exit status, logs. */
export { startMonitor, type StartMonitorOptions, type MonitorInfo } from './start-monitor.js';
export { execWithMonitor, type ExecMonitorOptions, type ExecSession, type ExecEndpoints } from './exec-monitor.js';
export { createArgs, DEFAULT_CONMON, DEFAULT_RUNTIME, type ConmonCommon, type ConmonCreateOptions, type ExitCommand } from './conmon-args.js';
export { attach, MAX_PACKET, type AttachOptions, type AttachSession, type AttachEnd } from './attach.js';
export { parseDetachKeys, DetachKeyMatcher, DEFAULT_DETACH_KEYS } from './detach-keys.js';
export { resize, reopenLogs } from './resize.js';
export { readExit, waitExit, clearExit, type ExitDirs, type ExitStatus } from './exit-file.js';
export { readLogs, type ReadLogsOptions } from './log-reader.js';
export { parseK8sLine, parseRfc3339Nano, formatRfc3339NanoUtc, PartialJoiner, type LogEntry, type LogStream, type K8sRecord } from './k8s-log.js';
export { tailStart } from './log-tail.js';
