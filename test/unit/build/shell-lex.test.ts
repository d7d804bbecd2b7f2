import { describe, expect, it } from 'vitest';
import {
  NO_VARS, processWord, processWords, processWordWithMatches, varsOf,
} from '../../../src/build/dockerfile/shell-lex.js';

// Cases follow BuildKit's shell lexer tests (frontend/dockerfile/shell: envVarTest, wordsTest).
const ENV = varsOf({ PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' });

describe('processWord (docker ProcessWord)', () => {
  it.each([
    ['hello', 'hello'],
    ["he'll'o", 'hello'],
    ["he\\'llo", "he'llo"],
    ['abc\\tdef', 'abctdef'],
    ['"abc\\tdef"', 'abc\\tdef'],
    ['"abc\\\\tdef"', 'abc\\tdef'],
    ["'abc\\tdef'", 'abc\\tdef'],
    ['hello\\', 'hello'],
    ['hello\\\\', 'hello\\'],
    ['"hel\'lo"', "hel'lo"],
    ["'hello\\'", 'hello\\'],
    ['"\'\'"', "''"],
    ['$.', '$.'],
    ['he$1x', 'hex'],
    ['he$.x', 'he$.x'],
    ['he$pwd.', 'he.'],
    ['he$PWD', 'he/home'],
    ['he\\$PWD', 'he$PWD'],
    ['he\\\\$PWD', 'he\\/home'],
    ['"he\\$PWD"', 'he$PWD'],
    ['"he\\\\$PWD"', 'he\\/home'],
    ['\\${}', '${}'],
    ['he\\${}xx', 'he${}xx'],
    ['he${hi}xx', 'hexx'],
    ['he${PWD}', 'he/home'],
    ['he${XXX:-000}xx', 'he000xx'],
    ['he${PWD:-000}xx', 'he/homexx'],
    ['he${XXX:-$PWD}xx', 'he/homexx'],
    ['he${XXX:-${PWD:-yyy}}xx', 'he/homexx'],
    ['he${XXX:-${YYY:-yyy}}xx', 'heyyyxx'],
    ['he${PWD?}', 'he/home'],
    ['he${NULL?}', 'he'],
    ['he${XXX:+${PWD}}xx', 'hexx'],
    ['he${PWD:+${SHELL}}xx', 'hebashxx'],
    ['he${PWD:+000}xx', 'he000xx'],
    ['he${NULL-x}|${NULL:-x}', 'he|x'],
    ['he${NULL+x}|${NULL:+x}', 'hex|'],
    ["'he${XX}'", 'he${XX}'],
    ['"he\'$PWD\'"', "he'/home'"],
    ["'\\$PWD'", '\\$PWD'],
    ['he${PWD:+${PWD}:}xx', 'he/home:xx'],
    ['he${XXX:-\\$PWD:}xx', 'he$PWD:xx'],
    ['he${XXX:-\\${PWD}z}xx', 'he${PWDz}xx'],
    ["안'녕'하세요", '안녕하세요'],
    ['안녕$KOREAN', '안녕한국어'],
    ['${aaa}}', '}'],
    ['${aaa:-bbb}}', 'bbb}'],
    ['${aaa:-bbb {foo}', 'bbb {foo'],
    ['$999aaa', 'aaa'],
    ['${001:-bbb}aaa', 'bbbaaa'],
    ['$@@@', '@@'],
    ['${#:-bbb}', 'bbb'],
    ['$$', ''],
  ])('%s → %s', (src, want) => {
    expect(processWord(src, ENV)).toBe(want);
  });

  it.each([
    "he'llo", "he\\\\'llo", '"hello', '"hello\\"', "'hello", '${}', 'he${}xx', 'he${.}', 'he${XXX:YYY}',
    'he${XXX?}', 'he${XXX:?}', 'he${NULL:?}', 'he${PWD', 'he${PWD:=000}xx', '${{aaa}', '${aaa',
    '${aaa:-bbb', '${aaa:-bbb ${foo}', '${:}', '${:-bbb}', '${FOO:#}', '${FOO:%%}', '${FOO//ww}',
  ])('%s is an error', (src) => {
    expect(() => processWord(src, ENV)).toThrow(/^failed to process /);
  });

  it('reports ${VAR:?message} with the message and the variable name', () => {
    const word = '${VAR:?message here$ARG}';
    expect(processWord(word, varsOf(['VAR=plain', 'ARG=x']))).toBe('plain');
    expect(() => processWord(word, varsOf(['VAR=', 'ARG=x']))).toThrow('failed to process "${VAR:?message here$ARG}": VAR: message herex');
    expect(() => processWord('${VAR?}', NO_VARS)).toThrow('VAR: is not allowed to be unset');
    expect(() => processWord('${VAR:?}', varsOf(['VAR=']))).toThrow('VAR: is not allowed to be empty');
    expect(processWord('${VAR?no}', varsOf(['VAR=']))).toBe('');
  });

  it('uses the backtick as escape when the Dockerfile says so', () => {
    const opts = { escape: '`' };
    expect(processWord('C:\\path`$PWD', ENV, opts)).toBe('C:\\path$PWD');
    expect(processWord('"a`"b"', ENV, opts)).toBe('a"b');
    expect(processWord('a\\$PWD', ENV, opts)).toBe('a\\/home');
  });

  it.each([
    ['${FOO#*x*y}', { FOO: 'xxyy' }, 'y'],
    ['${FOO##*x}', { FOO: 'xxyy' }, 'yy'],
    ['${FOO#$BAR}', { FOO: 'xxyy', BAR: 'x' }, 'xyy'],
    ['${FOO#?\\?}', { FOO: '???y' }, '?y'],
    ['${FOO%%\\**}', { FOO: 'xx**' }, 'xx'],
    ['${FOO%%\\**\\*}', { FOO: 'a***yy*' }, 'a'],
    ['${ABC:-.}${FOO%x}${ABC:-.}', { FOO: 'xxyy' }, '.xxyy.'],
    ['${FOO#()[]{\\}^$.\\*\\?|\\\\}', { FOO: '()[]{}^$.*?|\\x' }, 'x'],
    ['${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}', { FOO: '/foo*/*/*.txt', NEEDLE: '\\*/' }, '/foo.*/*.txt - /foo..*.txt'],
    ['${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}', { FOO: '/tmp/tmp/bar.txt', NEEDLE: '/tmp' }, '/tmp/bar.txt - /bar.txt'],
    ['${FOO//\\//\\/}', { FOO: '/tmp/foo.txt' }, '\\/tmp\\/foo.txt'],
    ['${FOO/$BAR/ww}', { FOO: 'xxyy', BAR: '' }, 'wwxxyy'],
    ['${FOO///}', { FOO: 'xxyy' }, 'xxyy'],
  ])('pattern modifier %s', (src, env, want) => {
    expect(processWord(src, varsOf(env))).toBe(want);
  });

  it('reports matched and unmatched variables', () => {
    const r = processWordWithMatches('${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}', varsOf({ FOO: 'xxx', BAR: '' }));
    expect(r.result).toBe('xxx  ccc');
    expect([...r.matched].sort()).toEqual(['BAR', 'FOO']);
    expect([...r.unmatched]).toEqual(['BAZ']);
  });

  it('keeps unset references as written with skipUnsetEnv, and quotes with rawQuotes', () => {
    const opts = { skipUnsetEnv: true, rawQuotes: true };
    expect(processWord('a $X ${Y} ${Z:-d} "q"', varsOf({ X: '1' }), opts)).toBe('a 1 ${Y} ${Z:-d} "q"');
  });

  it('treats quotes as text with skipProcessQuotes (heredoc bodies)', () => {
    expect(processWord('echo "$PWD" \'$PWD\'', ENV, { skipProcessQuotes: true })).toBe('echo "/home" \'/home\'');
  });
});

describe('processWords (word splitting after substitution)', () => {
  const env = varsOf(['hi=hi', 'space=abc  def', 'leading=  ab c', 'trailing=ab c   ']);
  it.each([
    ['hello', ['hello']],
    ['hello${hi}bye', ['hellohibye']],
    ['hello${space}bye', ['helloabc', 'defbye']],
    ['hello"${space}"bye', ['helloabc  defbye']],
    ['hello "${space}"bye', ['hello', 'abc  defbye']],
    ['hello${leading}def', ['hello', 'ab', 'cdef']],
    ['hello"${leading}" def', ['hello  ab c', 'def']],
    ['hello${trailing}d', ['helloab', 'c', 'd']],
    ['hel"lo${trailing}"', ['helloab c   ']],
    ['hello" there  "', ['hello there  ']],
    ['hello there     ', ['hello', 'there']],
    ['hello\\ there', ['hello there']],
    ['hello\\" there', ['hello"', 'there']],
    ['hello"\\\\there"', ['hello\\there']],
    ["hello'\\\\there'", ['hello\\\\there']],
    ["hello'$there'", ['hello$there']],
  ])('%s', (src, want) => {
    expect(processWords(src, env)).toEqual(want);
  });

  it('errors on an unterminated quote', () => {
    expect(() => processWords('hello" there', env)).toThrow('unexpected end of statement while looking for matching double-quote');
  });
});
