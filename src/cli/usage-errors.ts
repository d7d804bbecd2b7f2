/**
 * docker v28's client-side usage errors, text and exit code (docker/cli cli/required.go,
 * cli/cobra.go FlagErrorFunc, cmd/docker/docker.go). Each is a CliError printed verbatim.
 */
import type { CommandDef } from './command.js';
import { CliError, EXIT_ERROR, EXIT_USAGE } from './exit.js';
import { BIN, useLine } from './help.js';

const cmdPath = (path: string[]) => [BIN, ...path].join(' ');

/** Unknown or malformed flag: pflag's message plus docker's trailer, exit 125. */
export function flagError(message: string, usage: string, path: string[]): CliError {
  return new CliError(`${message}\n\nUsage:  ${usage}\n\nRun '${cmdPath(path)} --help' for more information`, EXIT_USAGE);
}

/** `berth foo` or `berth image foo`, exit 1. */
export function unknownCommand(name: string, group?: string): CliError {
  if (group === undefined) {
    return new CliError(`${BIN}: unknown command: ${BIN} ${name}\n\nRun '${BIN} --help' for more information`, EXIT_ERROR);
  }
  return new CliError(
    `${BIN}: unknown command: ${BIN} ${group} ${name}\n\nUsage:  ${BIN} ${group}\n\nRun '${BIN} ${group} --help' for more information`,
    EXIT_ERROR,
  );
}

const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');

/**
 * The argument-count check for `def.args`, or undefined when `count` fits. The wording differs per
 * rule and so does the last line ("See" for at-least; docker v28.2's at-most says "SRun", a typo
 * in docker/cli reproduced on purpose so output matches the reference binary).
 */
export function argCountError(def: CommandDef, path: string[], count: number): CliError | undefined {
  const min = def.args?.min;
  const max = def.args?.max;
  if ((min === undefined || count >= min) && (max === undefined || count <= max)) return undefined;
  const head = `${BIN}: '${cmdPath(path)}'`;
  const usage = `\n\nUsage:  ${useLine(def, path)}\n\n`;
  const tail = `'${cmdPath(path)} --help' for more information`;
  let text: string;
  if (max === 0) text = `${head} accepts no arguments${usage}Run ${tail}`;
  else if (min !== undefined && min === max) text = `${head} requires ${min} ${plural(min)}${usage}Run ${tail}`;
  else if (min !== undefined && max !== undefined) text = `${head} requires at least ${min} and at most ${max} ${plural(max)}${usage}Run ${tail}`;
  else if (min !== undefined) text = `${head} requires at least ${min} ${plural(min)}${usage}See ${tail}`;
  else text = `${head} requires at most ${max} ${plural(max!)}${usage}SRun ${tail}`;
  return new CliError(text, EXIT_ERROR);
}
