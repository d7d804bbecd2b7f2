/** cgroup and /proc readers for container statistics (cgroup v1, hybrid and v2 hosts). */
export { locateCgroups, locateFrom, parseMountinfo, parseProcCgroup, type CgroupLocation, type CgroupMount } from './locate.js';
export { sampleCgroup, emptyBlkio, type CgroupSample } from './sample.js';
export { systemCpu, netnsInterfaces } from './host.js';
export { parseBlkio, parseFlatKeyed, parseIoStat, parseNetDev, parseProcStat } from './parse.js';
