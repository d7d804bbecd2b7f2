import { describe, it } from 'vitest';
import { compileTemplate } from '../../../src/cli/format/index.js';
import { container, expectInvalid } from './fixtures.js';

/** Rejected while compiling: no data needed. */
const parseErrors: [string, RegExp][] = [
  ['{{template "x"}}', /\{\{template\}\} is not supported/],
  ['{{define "x"}}y{{end}}', /\{\{define\}\} is not supported/],
  ['{{block "x" .}}y{{end}}', /\{\{block\}\} is not supported/],
  ['{{nope .ID}}', /function "nope" not defined/],
  ['{{.ID | nope}}', /function "nope" not defined/],
  ['{{.ID', /1:1: unclosed action/],
  ['a\nb{{.ID ', /2:2: unclosed action/],
  ['{{.ID}', /bad character "}"/],
  ['{{if .Running}}x', /missing \{\{end\}\} for \{\{if\}\}/],
  ['{{range .Names}}x{{else}}y', /missing \{\{end\}\} for \{\{range\}\}/],
  ['{{end}}', /unexpected \{\{end\}\}/],
  ['{{else}}', /unexpected \{\{else\}\}/],
  ['{{if true}}a{{else}}b{{else}}c{{end}}', /expected end; found \{\{else\}\}/],
  ['{{range .Names}}{{else if true}}{{end}}', /\{\{else if\}\} is only allowed after \{\{if\}\}/],
  ['{{"abc}}', /unterminated quoted string/],
  ['{{`abc}}', /unterminated raw quoted string/],
  ["{{'ab'}}", /malformed character constant/],
  ['{{"\\q"}}', /unknown escape sequence/],
  ['{{/* x', /unclosed comment/],
  ['{{/* x */ .ID}}', /comment ends before closing delimiter/],
  ['{{$x}}', /undefined variable "\$x"/],
  ['{{$x = 1}}', /undefined variable "\$x"/],
  ['{{if true}}{{$x := 1}}{{end}}{{$x}}', /undefined variable "\$x"/],
  ['{{$a, $b := .Names}}', /too many declarations in command/],
  ['{{break}}', /\{\{break\}\} outside \{\{range\}\}/],
  ['{{continue}}', /\{\{continue\}\} outside \{\{range\}\}/],
  ['{{}}', /missing value for command/],
  ['{{if}}x{{end}}', /missing value for if/],
  ['{{.ID | "x"}}', /non executable command in pipeline stage 2/],
  ['{{(.ID}}', /unclosed left paren/],
  ['{{.ID)}}', /unexpected right paren/],
  ['{{.ID #}}', /unrecognized character in action: U\+0023 "#"/],
  ['{{3x}}', /bad number syntax/],
  ['{{1i}}', /complex number constants are not supported/],
  ['{{.Labels-x}}', /bad character "-"/],
  ['{{"a".Foo}}', /unexpected \. after term/],
  ['{{.ID :}}', /expected :=/],
];

/** Compile fine, fail against data, as Go's execution errors do. */
const execErrors: [string, RegExp][] = [
  ['{{.Nope}}', /<\.Nope>: unknown field "Nope"/],
  ['{{.State.Nope}}', /<\.State\.Nope>: unknown field "Nope"/],
  ['{{.ID.Length}}', /unknown field "Length"/],
  ['{{.Names.length}}', /unknown field "length"/],
  ['{{.toString}}', /unknown field "toString"/],
  ['{{.Config.Healthcheck.Test}}', /nil pointer evaluating field Test/],
  ['{{.Image "x"}}', /Image has arguments but cannot be invoked as function/],
  ['{{.Labels.env "x"}}', /env is not a method but has arguments/],
  ['{{.ID | .Image}}', /Image has arguments but cannot be invoked as function/],
  ['{{"x" 1}}', /can't give argument to non-function "x"/],
  ['{{(1) 2}}', /can't give argument to non-function/],
  ['{{nil}}', /nil is not a command/],
  ['{{upper 5}}', /<upper 5>: error calling upper: wrong type for value; expected string; got int/],
  ['{{upper .None}}', /expected string; got <nil>/],
  ['{{index .Names 5}}', /error calling index: index out of range: 5/],
  ['{{index .State "x"}}', /can't index item of type struct/],
  ['{{index .None 1}}', /index of untyped nil/],
  ['{{len 3}}', /len of type int/],
  ['{{len .State}}', /len of type struct/],
  ['{{eq .ID 1}}', /incompatible types for comparison/],
  ['{{eq .Names .Names}}', /non-comparable type/],
  ['{{lt true false}}', /invalid type for comparison/],
  ['{{lt 1 "a"}}', /incompatible types for comparison/],
  ['{{range .State}}{{end}}', /range can't iterate over \{running 42\}/],
  ['{{range .ID}}{{end}}', /range can't iterate over abc123def456/],
  ['{{range $i, $v := 3}}{{end}}', /can't use 3 to iterate over more than one variable/],
  ['{{join .ID ","}}', /expected \[\]string; got string/],
  ['{{truncate .ID}}', /wrong number of args for truncate: want 2 got 1/],
  ['{{truncate .ID -1}}', /error calling truncate/],
  ['{{printf}}', /wrong number of args for printf: want at least 1 got 0/],
  ['{{and}}', /wrong number of args for and: want at least 1 got 0/],
  ['{{slice .ID 2 1}}', /invalid slice index: 2 > 1/],
  ['{{call .ID}}', /non-function of type string/],
  ['{{.Boom}}', /<\.Boom>: error calling Boom: kaput/],
];

describe('template errors are INVALID_ARGUMENT', () => {
  it.each(parseErrors)('parse: %s', (src, re) => {
    expectInvalid(() => compileTemplate(src), re);
  });

  it.each(execErrors)('execute: %s', (src, re) => {
    const t = compileTemplate(src);
    expectInvalid(() => t.execute(container), re);
  });

  it('prefixes every message with "template:"', () => {
    expectInvalid(() => compileTemplate('{{.X'), /^template: /);
    expectInvalid(() => compileTemplate('{{.X}}').execute({}), /^template: /);
  });
});
