/**
 * Docker's Go structs hold some fields as maps (Labels, Attributes, ExposedPorts…): in a template a
 * missing key there prints "<no value>" rather than failing. Mark those objects so the template
 * engine treats them as maps.
 */
import { asMap } from '../format/index.js';

const MAP_FIELDS = new Set(['Labels', 'Attributes', 'ExposedPorts', 'Volumes', 'Options', 'Ports', 'Networks', 'PortBindings', 'Tmpfs', 'DriverOpts', 'Annotations']);

export function markGoMaps<T>(value: T): T {
  if (Array.isArray(value)) {
    value.forEach((v) => markGoMaps(v));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v && typeof v === 'object' && !Array.isArray(v) && MAP_FIELDS.has(k)) asMap(v as object);
      markGoMaps(v);
    }
  }
  return value;
}
