# Writes wasm/lib/goRandTable.ts from shared/data/go_rng_cooked.json (Go's rngCooked table,
# BSD-3-Clause, The Go Authors). Run by hand only when the table source changes.
import json, sys
src = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/go_rng_cooked.json'
vals = json.load(open(src))['values']
assert len(vals) == 607
head = open('wasm/lib/goRandTable.ts').read().split('export const')[0]
body = ['export const GO_RNG_COOKED: StaticArray<i64> = [']
for i in range(0, 607, 4):
    body.append('  ' + ', '.join(vals[i:i + 4]) + ',')
body.append('];')
open('wasm/lib/goRandTable.ts', 'w').write(head + '\n'.join(body) + '\n')
