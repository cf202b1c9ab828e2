/**
 * sprig functions (Masterminds/sprig v3 semantics) as templates call them.
 */
import { describe, expect, it } from 'vitest';
import { stringMap } from '../../../transformer/gotemplate/index.js';
import { render, renderError, type Case, type ErrorCase } from './helpers.js';

const values = { port: 15020, name: 'istio-proxy', empty: '', zero: 0, list: ['b', 'a', 'b'], map: { b: 2, a: 1 }, nested: { a: { b: { c: 'deep' } } } };

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases)('$name', ({ text, data, want }) => {
      expect(render(text, data ?? values, 'sprig')).toBe(want);
    });
  });
}

table('defaults and flow', [
  { name: 'default: the given value unless it is empty', text: '{{ .name | default "x" }} {{ .empty | default "x" }} {{ .zero | default 7 }} {{ .missing | default "m" }} {{ default "d" }}', want: 'istio-proxy x 7 m d' },
  { name: 'default: false and empty collections are empty, structs are not', text: '{{ false | default "f" }} {{ list | default "l" }} {{ dict | default "d" }}', want: 'f l d' },
  { name: 'empty', text: '{{ empty .empty }} {{ empty .zero }} {{ empty .name }} {{ empty .missing }} {{ empty .map }}', want: 'true true false true false' },
  { name: 'coalesce returns the first non-empty value', text: '{{ coalesce .empty .zero .missing "c" "d" }} {{ coalesce .empty }}', want: 'c <no value>' },
  { name: 'all / any', text: '{{ all 1 "a" .map }} {{ all 1 "" }} {{ any 0 "" .name }} {{ any 0 "" }}', want: 'true false true false' },
  { name: 'ternary picks by its last (bool) argument', text: '{{ ternary "y" "n" true }} {{ true | ternary "y" "n" }} {{ ternary "y" "n" (eq .name "x") }}', want: 'y y n' },
]);

table('strings', [
  { name: 'trim / trimAll (cutset) / trimPrefix / trimSuffix', text: '[{{ trim "  a b \\n" }}] [{{ trimAll "-_." "-_a.b_-" }}] [{{ trimPrefix "a-" "a-b" }}] [{{ trimSuffix "-b" "a-b" }}]', want: '[a b] [a.b] [b] [a]' },
  { name: 'trunc counts bytes; a negative count keeps the end', text: '{{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ trunc 10 "ab" }}', want: 'abc ef ab' },
  { name: 'trunc 63 | trimAll "-_." (Istio canonical name)', text: '{{ "-my-very-long-deployment-name-that-goes-on-and-on-and-on-beyond-63-chars" | trunc 63 | trimAll "-_." }}', want: 'my-very-long-deployment-name-that-goes-on-and-on-and-on-beyond' },
  { name: 'upper / lower / title / untitle', text: '{{ upper "abé" }} {{ lower "ABÉ" }} {{ title "hello wide_world-x" }} {{ untitle "Hello" }}', want: 'ABÉ abé Hello Wide_world-X hello' },
  { name: 'replace replaces all; an empty old inserts around runes', text: '{{ replace "a" "o" "banana" }} {{ replace "" "-" "ab" }}', want: 'bonono -a-b-' },
  { name: 'contains / hasPrefix / hasSuffix take the substring first', text: '{{ contains "prox" .name }} {{ hasPrefix "istio" .name }} {{ hasSuffix "x" .name }}', want: 'true true false' },
  { name: 'split gives a map of _N keys; splitList a list; join joins lists', text: '{{ (split "," "a,b")._1 }} {{ splitList "," "a,b,c" }} {{ join "," .list }} {{ join "," "solo" }}', want: 'b [a b c] b,a,b solo' },
  { name: 'quote and squote skip nil; quote uses Go escaping', text: '{{ quote "a\\"b" 1 .missing }} {{ squote "a" 2 }} {{ .port | quote }}', want: '"a\\"b" "1" \'a\' \'2\' "15020"' },
  { name: 'indent / nindent (sprig indents the first line too)', text: '{{ indent 2 "a\\nb" }}|{{ nindent 2 "a" }}', want: '  a\n  b|\n  a' },
  { name: 'cat / repeat / substr / nospace / plural', text: '{{ cat "a" 1 .missing "b" }} {{ repeat 3 "ab" }} {{ substr 1 3 "abcd" }} {{ nospace " a b " }} {{ plural "one" "many" 2 }}', want: 'a 1 b ababab bc ab many' },
  { name: 'toString / toStrings / sortAlpha', text: '{{ toString 1.5 }} {{ toStrings (list 1 "a" .missing) }} {{ sortAlpha .list }}', want: '1.5 [1 a] [a b b]' },
  { name: 'b64enc / b64dec (decode errors come back as text)', text: '{{ b64enc "héllo" }} {{ b64dec "aMOpbGxv" }} {{ b64dec "a!" }}', want: 'aMOpbGxv héllo illegal base64 data at input byte 1' },
  { name: 'b32enc / b32dec', text: '{{ b32enc "hello" }} {{ b32dec "NBSWY3DP" }}', want: 'NBSWY3DP hello' },
  { name: 'path helpers: base / dir / ext / clean / isAbs', text: '{{ base "/a/b.txt" }} {{ dir "/a/b.txt" }} {{ ext "b.tar.gz" }} {{ clean "/a/../b//c/." }} {{ isAbs "x" }}', want: 'b.txt /a .gz /b/c false' },
]);

table('lists', [
  { name: 'list / append / prepend build new lists', text: '{{ $l := list 1 "a" }}{{ append $l 2 }} {{ prepend $l 0 }} {{ $l }}', want: '[1 a 2] [0 1 a] [1 a]' },
  { name: 'first / last / rest / initial; empty lists give nothing', text: '{{ first .list }} {{ last .list }} {{ rest .list }} {{ initial .list }} {{ first list }}', want: 'b b [a b] [b a] <no value>' },
  { name: 'uniq / without / has / compact / reverse', text: '{{ uniq .list }} {{ without .list "b" }} {{ has "a" .list }} {{ has "z" .list }} {{ compact (list 0 1 "" "x") }} {{ reverse .list }}', want: '[b a] [a] true false [1 x] [b a b]' },
  { name: 'sprig slice overrides the builtin: indexes are converted with toInt', text: '{{ slice .list 1 }} {{ slice .list 0 1 }} {{ slice list }}', want: '[a b] [b] <no value>' },
  { name: 'concat / chunk', text: '{{ concat (list 1) (list 2 3) }} {{ chunk 2 (list 1 2 3) }}', want: '[1 2 3] [[1 2] [3]]' },
  { name: 'until / untilStep / seq', text: '{{ until 3 }} {{ untilStep 0 10 4 }} {{ seq 3 }} {{ seq 5 -1 1 }}', want: '[0 1 2] [0 4 8] 1 2 3 5 4 3 2 1' },
  { name: 'append in a range accumulates with reassignment (Istio $containers idiom)', text: '{{ $c := list }}{{ range .list }}{{ $c = append $c . }}{{ end }}{{ $c | join "," }}', want: 'b,a,b' },
]);

table('dicts', [
  { name: 'dict / get / hasKey / keys / values', text: '{{ $d := dict "b" 2 "a" 1 "c" }}{{ $d }} {{ get $d "a" }} [{{ get $d "z" }}] {{ hasKey $d "c" }} {{ keys $d }} {{ values $d }}', want: 'map[a:1 b:2 c:] 1 [] true [a b c] [1 2 ]' },
  { name: 'set / unset change the map and return it', text: '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}', want: 'map[b:2]' },
  { name: 'pick / omit / pluck', text: '{{ pick .map "a" "z" }} {{ omit .map "a" }} {{ pluck "a" .map (dict "a" 9) (dict) }}', want: 'map[a:1] map[b:2] [1 9]' },
  { name: 'merge: destination wins, empty destination values are filled, maps merge deeply', text: '{{ $d := dict "a" 1 "e" "" "n" (dict "x" 1) }}{{ merge $d (dict "a" 2 "e" "filled" "n" (dict "x" 2 "y" 3) "z" 4) }}', want: 'map[a:1 e:filled n:map[x:1 y:3] z:4]' },
  { name: 'mergeOverwrite: sources win, even with empty values', text: '{{ mergeOverwrite (dict "a" 1 "k" true) (dict "a" 2 "k" false) }}', want: 'map[a:2 k:false]' },
  { name: 'dig follows keys with a default', text: '{{ dig "a" "b" "c" "none" .nested }} {{ dig "a" "x" "none" .nested }}', want: 'deep none' },
  { name: 'deepCopy copies maps', text: '{{ $c := deepCopy .map }}{{ $_ := set $c "z" 1 }}{{ .map }} {{ $c }}', want: 'map[a:1 b:2] map[a:1 b:2 z:1]' },
]);

table('numbers', [
  { name: 'int / int64 / float64 / atoi convert like spf13/cast', text: '{{ int "42" }} {{ int 3.9 }} {{ int64 "0x10" }} {{ int "1.0" }} {{ int "x" }} {{ float64 "1.5" }} {{ atoi "12" }} {{ atoi "0x1" }}', want: '42 3 16 1 0 1.5 12 0' },
  { name: 'add / add1 / sub / mul / div / mod on int64 (floats truncated)', text: '{{ add 1 2 3.9 }} {{ add1 .port }} {{ sub 10 3 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ div -7 2 }} {{ mod -7 3 }}', want: '6 15021 7 24 3 -3 -1' },
  { name: 'int64 arithmetic wraps around', text: '{{ add 9223372036854775807 1 }}', want: '-9223372036854775808' },
  { name: 'max / min (int64) and maxf / minf (float64)', text: '{{ max 1 5 3 }} {{ min 4 2 8 }} {{ maxf 1.5 2.5 }} {{ minf 1 0.5 }}', want: '5 2 2.5 0.5' },
  { name: 'floor / ceil / round', text: '{{ floor 1.7 }} {{ ceil 1.2 }} {{ round 3.14159 2 }} {{ round 2.5 0 }}', want: '1 2 3.14 3' },
  { name: 'sprig int results compare as ints', text: '{{ eq (int .port) 15020 }}', want: 'true' },
]);

table('json, types and semver', [
  { name: 'toJson: maps sorted, HTML characters escaped, floats Go-style', text: '{{ toJson . }}', data: { b: '<a&b>', a: [1, 2.5, 1e21, null, true] }, want: '{"a":[1,2.5,1e+21,null,true],"b":"\\u003ca\\u0026b\\u003e"}' },
  { name: 'toRawJson does not escape HTML', text: '{{ toRawJson . }}', data: { a: '<x>' }, want: '{"a":"<x>"}' },
  { name: 'toPrettyJson indents with two spaces', text: '{{ toPrettyJson . }}', data: { a: [1], b: {}, c: [] }, want: '{\n  "a": [\n    1\n  ],\n  "b": {},\n  "c": []\n}' },
  { name: 'fromJson decodes to maps and float64; bad JSON gives nil', text: '{{ $v := fromJson "{\\"a\\":[1,2],\\"b\\":{\\"c\\":true}}" }}{{ $v.a }} {{ $v.b.c }} {{ typeOf (index $v.a 0) }} {{ fromJson "{" }}', want: '[1 2] true float64 <no value>' },
  { name: 'typeOf / kindOf / typeIs / kindIs', text: '{{ typeOf 1 }} {{ typeOf .name }} {{ typeOf .list }} {{ typeOf .map }} {{ kindOf .map }} {{ kindOf .list }} {{ typeIs "string" .name }} {{ kindIs "float64" .port }}', want: 'int string []interface {} map[string]interface {} map slice true true' },
  { name: 'deepEqual compares collections by value', text: '{{ deepEqual (list 1 "a") (list 1 "a") }} {{ deepEqual (dict "a" 1) (dict "a" 2) }} {{ deepEqual 1 1.0 }}', want: 'true false false' },
  { name: 'semverCompare with ranges, wildcards, tilde and caret', text: '{{ semverCompare ">=1.21.0" "1.28.3" }} {{ semverCompare "~1.2" "1.3.0" }} {{ semverCompare "^1.2.3" "1.9.0" }} {{ semverCompare "1.2.x" "1.2.9" }} {{ semverCompare "1 - 2" "2.5.0" }} {{ semverCompare "<1.0 || >=2.0" "2.1.0" }}', want: 'true false true true true true' },
  { name: 'semverCompare: prereleases match only a constraint group that mentions one', text: '{{ semverCompare ">=1.21.0" "1.28.3-gke.100" }} {{ semverCompare ">=1.21.0-0" "1.28.3-gke.100" }} {{ semverCompare ">=1.21-0 <2" "1.28.3-gke.100" }}', want: 'false true true' },
  { name: 'semver parses loose versions', text: '{{ (semver "v1.2").Minor }} {{ semver "1.2.3-rc.1+b5" }} {{ (semver "2.0.0").Prerelease }}', want: '2 1.2.3-rc.1+b5 ' },
]);

table('regular expressions (Go RE2 syntax)', [
  { name: 'regexMatch; a bad pattern is false', text: '{{ regexMatch "^[a-z]+-proxy$" .name }} {{ regexMatch "(?i)ISTIO" .name }} {{ regexMatch "(" "x" }}', want: 'true true false' },
  { name: 'regexFind / regexFindAll (n < 0 is all)', text: '{{ regexFind "[0-9]+" "a12b345" }} {{ regexFindAll "[0-9]" "a1b2c3" -1 }} {{ regexFindAll "[0-9]" "a1b2c3" 2 }}', want: '12 [1 2 3] [1 2]' },
  { name: 'regexReplaceAll expands $1 and ${name}; $1x names group "1x"', text: '{{ regexReplaceAll "(?P<k>[a-z]+)=(\\\\d+)" "a=1,b=2" "${2}:${k}" }} {{ regexReplaceAll "(a)" "aa" "[$1x]" }} {{ regexReplaceAllLiteral "a" "aa" "$1" }}', want: '1:a,2:b [][] $1$1' },
  { name: 'empty matches next to a match are skipped (Go semantics)', text: '{{ regexReplaceAll "a*" "baaac" "-" }} {{ regexFindAll "a*" "baaac" -1 }}', want: '-b-c- [ aaa ]' },
  { name: 'regexSplit / regexQuoteMeta', text: '{{ regexSplit "[,;]" "a,b;c" -1 }} {{ regexSplit "," "a,b,c" 2 }} {{ regexQuoteMeta "a.b*c" }}', want: '[a b c] [a b,c] a\\.b\\*c' },
  { name: 'POSIX classes, \\A \\z, and . not matching newline', text: '{{ regexMatch "^[[:alpha:]]+$" "abc" }} {{ regexMatch "\\\\Aab\\\\z" "ab" }} {{ regexMatch "a.b" "a\\nb" }} {{ regexMatch "(?s)a.b" "a\\nb" }}', want: 'true true false true' },
]);

describe('sprig and Helm error cases', () => {
  const errors: ErrorCase[] = [
    { name: 'required fails on nil and ""', text: '{{ required "name is required" .missing }}', error: 'template: t:1:3: executing "t" at <required "name is required" .missing>: error calling required: name is required' },
    { name: 'fail', text: '{{ fail "stop here" }}', error: 'template: t:1:3: executing "t" at <fail "stop here">: error calling fail: stop here' },
    { name: 'trunc takes an int: a float64 value is a type error', text: '{{ trunc .port "abc" }}', error: 'template: t:1:9: executing "t" at <.port>: wrong type for value; expected int; got float64' },
    { name: 'trunc takes an int: a float constant that is not integral', text: '{{ trunc 1.5 "abc" }}', error: 'template: t:1:9: executing "t" at <1.5>: expected integer; found 1.5' },
    { name: 'append on a non-list', text: '{{ append "x" 1 }}', error: 'template: t:1:3: executing "t" at <append "x" 1>: error calling append: Cannot push on type string' },
    { name: 'div by zero', text: '{{ div 1 0 }}', error: 'template: t:1:3: executing "t" at <div 1 0>: error calling div: runtime error: integer divide by zero' },
    { name: 'hasKey wants map[string]interface{}, not map[string]string', text: '{{ hasKey .labels "a" }}', error: 'template: t:1:10: executing "t" at <.labels>: wrong type for value; expected map[string]interface {}; got map[string]string' },
    { name: 'set on a nil map', text: '{{ set .missing "a" 1 }}', error: 'template: t:1:3: executing "t" at <set .missing "a" 1>: error calling set: assignment to entry in nil map' },
    { name: 'mustRegexMatch reports a bad pattern', text: '{{ mustRegexMatch "(?=x)" "x" }}', error: 'template: t:1:3: executing "t" at <mustRegexMatch "(?=x)" "x">: error calling mustRegexMatch: error parsing regexp: invalid or unsupported Perl syntax: `(?=`' },
    { name: 'semverCompare with a bad constraint', text: '{{ semverCompare "!!1" "1.0.0" }}', error: 'template: t:1:3: executing "t" at <semverCompare "!!1" "1.0.0">: error calling semverCompare: improper constraint: !!1' },
    { name: 'mustFromJson reports bad JSON', text: '{{ mustFromJson "[" }}', error: 'template: t:1:3: executing "t" at <mustFromJson "[">: error calling mustFromJson: Unexpected end of JSON input' },
  ];
  it.each(errors)('$name', ({ text, error }) => {
    expect(renderError(text, { ...values, labels: stringMap({ a: 'b' }) }, 'sprig').message).toBe(error);
  });
});
