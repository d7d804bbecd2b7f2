/** Flags many verbs share, defined once so help text stays identical. */
import type { FlagDef } from '../command.js';

export const FORMAT_FLAG: FlagDef = {
  name: 'format', type: 'string', valueName: 'string',
  description: "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
};

export const INSPECT_FORMAT_FLAG: FlagDef = {
  name: 'format', short: 'f', type: 'string', valueName: 'string',
  description: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
};
