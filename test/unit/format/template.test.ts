import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../../src/cli/format/index.js';
import { container } from './fixtures.js';

const run = (src: string, data: unknown = container) => compileTemplate(src).execute(data);

const cases: Record<string, [string, string][]> = {
  fields: [
    ['{{.ID}}', 'abc123def456'],
    ['{{.Config.Image}}', 'nginx'],
    ['{{.State.Pid}}', '42'],
    ['{{.Ratio}}', '1.5'],
    ['{{.Running}}', 'true'],
    ['{{.None}}', '<nil>'],
    ['{{.Names}}', '[web api]'],
    ['{{.State}}', '{running 42}'],
    ['{{.Labels}}', 'map[com.example.vendor:ACME env:prod]'],
    ['{{.Env}}', 'map[A:1 B:2]'],
    ['{{.Label "env"}}', 'prod'],
    ['{{(index .Mounts 1).Source}}', '/c'],
    ['{{(.State).Status}}', 'running'],
    ['literal {{"{{"}} braces', 'literal {{ braces'],
  ],
  maps: [
    ['{{.Labels.env}}', 'prod'],
    ['{{.Labels.missing}}', '<no value>'],
    ['{{.Labels.missing.deeper}}', '<no value>'],
    ['{{.Env.B}}', '2'],
    ['{{index .Labels "com.example.vendor"}}', 'ACME'],
    ['{{index .Labels "missing"}}', ''],
    ['{{index .Env "A"}}', '1'],
    ['{{index .Names 1}}', 'api'],
    ['{{index .Mounts 0 | printf "%v"}}', '{/a /b}'],
  ],
  json: [
    ['{{json .State}}', '{"Status":"running","Pid":42}'],
    ['{{json .Names}}', '["web","api"]'],
    ['{{json .Env}}', '{"A":"1","B":"2"}'],
    // docker's json func turns HTML escaping off (enc.SetEscapeHTML(false)).
    ['{{json .Config.Labels}}', '{"a":"x<y>&z"}'],
    ['{{json .None}}', 'null'],
    ['{{json .Labels.missing}}', 'null'],
    ['{{json .Mounts}}', '[{"Source":"/a","Destination":"/b"},{"Source":"/c","Destination":"/d"}]'],
    ['{{json .State | printf "%s"}}', '{"Status":"running","Pid":42}'],
    ['{{json "tab\\there"}}', '"tab\\there"'],
  ],
  pipelines: [
    ['{{.ID | upper}}', 'ABC123DEF456'],
    ['{{.Image | printf "%s!"}}', 'nginx:latest!'],
    ['{{"x" | printf "%s-%s" "a"}}', 'a-x'],
    ['{{.Labels.env | upper | printf "<%s>"}}', '<PROD>'],
    ['{{len .Names | printf "%03d"}}', '002'],
    ['{{(len .Names) | printf "%d"}}', '2'],
  ],
  range: [
    ['{{range .Names}}[{{.}}]{{end}}', '[web][api]'],
    ['{{range $i, $n := .Names}}{{$i}}:{{$n}} {{end}}', '0:web 1:api '],
    ['{{range $n := .Names}}{{$n}}{{end}}', 'webapi'],
    ['{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}', 'com.example.vendor=ACME;env=prod;'],
    ['{{range $k, $v := .Env}}{{$k}}{{$v}}{{end}}', 'A1B2'],
    ['{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}', '/a:/b /c:/d '],
    ['{{range .Ports}}x{{else}}none{{end}}', 'none'],
    ['{{range .None}}x{{else}}nil{{end}}', 'nil'],
    ['{{range .Names}}{{if eq . "web"}}{{continue}}{{end}}{{.}}{{end}}', 'api'],
    ['{{range .Names}}{{.}}{{break}}{{end}}', 'web'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{range .Names}}{{$.State.Pid}}{{end}}', '4242'],
  ],
  conditionals: [
    ['{{if .Running}}T{{else}}F{{end}}', 'T'],
    ['{{if .Empty}}T{{else}}F{{end}}', 'F'],
    ['{{if .Zero}}T{{else}}F{{end}}', 'F'],
    ['{{if .None}}T{{else}}F{{end}}', 'F'],
    ['{{if .Ports}}T{{else}}F{{end}}', 'F'],
    ['{{if .EmptyMap}}T{{else}}F{{end}}', 'F'],
    ['{{if .Labels}}T{{else}}F{{end}}', 'T'],
    ['{{if .State}}T{{else}}F{{end}}', 'T'],
    ['{{if .Labels.missing}}T{{else}}F{{end}}', 'F'],
    ['{{if eq .State.Pid 1}}one{{else if gt .State.Pid 40}}big{{else}}small{{end}}', 'big'],
    ['{{if false}}a{{else if false}}b{{else if true}}c{{end}}', 'c'],
    ['{{with .Config}}{{.Image}}{{end}}', 'nginx'],
    ['{{with .Empty}}x{{else}}empty{{end}}', 'empty'],
    ['{{with $c := .Config}}{{$c.Image}}{{end}}', 'nginx'],
    ['{{with .Empty}}a{{else with .ID}}{{.}}{{end}}', 'abc123def456'],
  ],
  variables: [
    ['{{$n := len .Names}}{{$n}}', '2'],
    ['{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', '2'],
    ['{{with .Config}}{{$.ID}}{{end}}', 'abc123def456'],
    ['{{$.Image}}', 'nginx:latest'],
    ['{{$m := .State}}{{$m.Status}}', 'running'],
  ],
  functions: [
    ['{{join .Args " "}}', '-g daemon off;'],
    ['{{len .Names}} {{len .Labels}} {{len "héllo"}}', '2 2 6'],
    ['{{upper "abc"}} {{lower "ABC"}} {{title "hello wORLD foo-bar"}}', 'ABC abc Hello WORLD Foo-Bar'],
    ['{{split "a:b:c" ":"}}', '[a b c]'],
    ['{{index (split "a:b" ":") 1}}', 'b'],
    ['[{{trim "  x  "}}]', '[x]'],
    ['{{truncate .ID 6}}|{{truncate "ab" 5}}', 'abc123|ab'],
    ['[{{pad .State.Status 1 2}}][{{pad .Empty 1 2}}]', '[ running  ][]'],
    ['{{println "a" 1}}', 'a 1\n'],
    ['{{print "a" 1 2 "b"}}', 'a1 2b'],
    ['{{eq .State.Status "exited" "running"}} {{ne 1 2}}', 'true true'],
    ['{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}', 'true true true false'],
    ['{{and .Running .ID}}|{{and .Empty .ID}}|{{or .Empty "default"}}|{{not .Running}}', 'abc123def456||default|false'],
    ['{{slice .ID 0 3}} {{slice .Names 1}}', 'abc [api]'],
    ['{{html "<a&b>"}} {{urlquery "a b&c"}}', '&lt;a&amp;b&gt; a+b%26c'],
    ['{{js "it\'s <x>"}}', "it\\'s \\u003Cx\\u003E"],
  ],
  printf: [
    ['{{printf "%s|%d|%v|%q" .Image .State.Pid .Names .ID}}', 'nginx:latest|42|[web api]|"abc123def456"'],
    ['{{printf "%-10s|%5d|%.2f" .State.Status 42 .Ratio}}', 'running   |   42|1.50'],
    ['{{printf "%05.1f|%x|%X|%o|%b|%#x" 3.14159 255 255 8 5 255}}', '003.1|ff|FF|10|101|0xff'],
    ['{{printf "%t %c %U %q" true 65 128512 65}}', "true A U+1F600 'A'"],
    ['{{printf "%e|%g|%g|%v" 1234.5678 0.00001 1000000.5 2.5}}', '1.234568e+03|1e-05|1.0000005e+06|2.5'],
    ['{{printf "%.0f %.0f %.1f %.2f" 2.5 3.5 0.25 0.125}}', '2 4 0.2 0.12'],
    ['{{printf "%[2]s %[1]s" "a" "b"}}|{{printf "%*d" 5 42}}|{{printf "%8.3s|" "abcdef"}}', 'b a|   42|     abc|'],
    ['{{printf "%T %T %T %T" 1 "s" 1.5 .Names}}', 'int string float64 []interface {}'],
    ['{{printf "%d"}}|{{printf "%d" "x"}}|{{printf "%s" 1 2}}', '%!d(MISSING)|%!d(string=x)|%!s(int=1)%!(EXTRA int=2)'],
    ['{{printf "%s" .None}}|{{printf "%v" nil}}|{{printf "100%%"}}', '%!s(<nil>)|<nil>|100%'],
    ['{{printf "%+v" .State}}', '{Status:running Pid:42}'],
  ],
  literals: [
    [String.raw`{{"a\tb\u00e9\x41\101"}}`, 'a\tbéAA'],
    ['{{`raw \\n`}}', 'raw \\n'],
    ["{{'a'}} {{printf \"%c\" 'x'}}", '97 x'],
    ['{{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{-3}} {{1.5e3}} {{.5}} {{+2}}', '31 15 15 5 1000 -3 1500 0.5 2'],
    ['{{true}} {{false}}', 'true false'],
  ],
  whitespace: [
    ['a \n {{- .ID }}', 'aabc123def456'],
    ['{{ .ID -}} \n b', 'abc123def456b'],
    ['x  {{- /* comment */ -}}  y', 'xy'],
    ['{{-3}}', '-3'],
    ['{{- 3}}', '3'],
    ['a{{/* hello\n world */}}b', 'ab'],
    ['{{if\n  .Running\n}}y{{end}}', 'y'],
    ['{{range .Names -}}\n  {{.}}\n{{- end}}', 'webapi'],
  ],
};

describe('compileTemplate', () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      it.each(rows)('%s', (src, want) => {
        expect(run(src)).toBe(want);
      });
    });
  }

  it('executes many times with different data', () => {
    const t = compileTemplate('{{.}}!');
    expect([1, 'a', true].map((d) => t.execute(d))).toEqual(['1!', 'a!', 'true!']);
    expect(t.source).toBe('{{.}}!');
  });

  it('passes plain text through untouched', () => {
    expect(run('no actions here\t\\t')).toBe('no actions here\t\\t');
  });

  it('prints Dates like Go time.Time and encodes them as RFC 3339', () => {
    const d = { T: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 120)) };
    expect(run('{{.T}}', d)).toBe('2024-01-02 03:04:05.12 +0000 UTC');
    expect(run('{{json .T}}', d)).toBe('"2024-01-02T03:04:05.12Z"');
  });

  it('accepts extra functions at compile time and overrides at execute time', () => {
    const t = compileTemplate('{{shout .ID}}', { funcs: { shout: (s: unknown) => `${String(s)}!` } });
    expect(t.execute(container)).toBe('abc123def456!');
    expect(t.execute(container, { funcs: { shout: () => 'quiet' } })).toBe('quiet');
  });

  it('returns partial output on error when asked', () => {
    expect(compileTemplate('a{{.Nope}}b').execute(container, { partial: true })).toBe('a');
  });
});
