/** Volumes: the local driver, mount parsing and planning, copy-up, and the volume verbs. */
export type { ResolvedMount, VolumeRecord, VolumeRefs } from './types.js';
export { VolumeStore } from './volume-store.js';
export { ANONYMOUS_LABEL, anonymousName, isAnonymous, validateVolumeName } from './names.js';
export { parseBind, parseMountSpec, parseVolumesFrom, validMode, type MountRequest } from './mount-spec.js';
export { planMounts, type PlanInput } from './plan.js';
export { materializeMounts, rollbackVolumes } from './materialize.js';
export { ociMounts, type OciMountsInput } from './oci-mounts.js';
export { listVolumes, inspectVolume, removeVolume, pruneVolumes, volumesUsage, type VolumeOpsDeps } from './volume-ops.js';
export { mergeTmpfsOptions, convertTmpfsOptions, tmpfsMountOptions } from './tmpfs-options.js';
export { dirSize } from './size.js';
