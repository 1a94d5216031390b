// The check language on its own: syntax errors and type errors point at the right line and
// column of the lab file, evaluation follows the usual precedence, and a false condition
// names the clause that failed with the values it saw.
import { describe, expect, test } from 'vitest';
import { compileExpr, evaluateCondition, type CompiledExpr } from './compile';
import type { EvalSource } from './evaluate';
import type { SourceSnippet } from '../source';

// As if the check started at line 40, column 1 of a lab file.
const at = (text: string): SourceSnippet => ({ text, line: 40, column: 1 });
const env = { variables: { node: 'number' as const, who: 'string' as const } };

function compileError(text: string) {
  const result = compileExpr(at(text), env, 'bool', 'a check');
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

function compiled(text: string, wanted: 'bool' | 'number' = 'bool'): CompiledExpr {
  const result = compileExpr(at(text), env, wanted, 'a check');
  if (!result.ok) throw new Error(result.error.message);
  return result.compiled;
}

/** Values for the leaves, as a simulation would give them. */
function source(metrics: Record<string, number | string>, counts: Record<string, number> = {}, nodes: Record<number, number> = {}): EvalSource {
  return {
    metric: async (name) => metrics[name],
    count: async (kind) => counts[kind] ?? 0,
    variable: (name) => ({ node: 12, who: 'x' })[name]!,
    nodeFact: async (_fact, node) => nodes[node],
  };
}

describe('syntax errors', () => {
  test.each([
    ['failed >=', 1, 10, 'ends too early'],
    ['failed >= 1 && placed > 0', 1, 13, 'write and'],
    ['failed = 1', 1, 8, '=='],
    ['1 < failed < 3', 1, 12, 'do not chain'],
    ['count(failed', 1, 13, 'expected ")"'],
    ['(failed > 1', 1, 12, 'to close the "("'],
    ['failed > 1\n  and ) ', 2, 7, 'expected a value'],
    ['policy == "FGD', 1, 11, 'never closed'],
    ['failed > 10ms', 1, 10, 'not a number'],
    ['failed > 1 placed', 1, 12, 'after a complete expression'],
    ['max(failed)', 1, 1, 'not a function'],
  ])('%j -> line %i, column %i', (text, line, column, words) => {
    const error = compileError(text);
    expect(error.message).toContain(words);
    expect({ line: error.line - 39, column: error.column }).toEqual({ line, column });
  });
});

describe('type errors', () => {
  test.each([
    ['faild >= 1', 1, 'unknown metric "faild"; did you mean failed?'],
    ['failed >= 1 and fragratio < 5', 17, 'did you mean fragRatio?'],
    ['policy > 3', 1, '">" compares numbers, but its left side is a string'],
    ['policy == 3', 1, 'compares a string with a number'],
    ['policy == "Bestfit"', 11, 'did you mean BestFit?'],
    ['count(fialed) > 0', 7, 'unknown event kind "fialed"; did you mean failed?'],
    ['$nod > 0', 1, 'unknown variable $nod; did you mean $node?'],
    ['failed + 1', 1, 'a check must be a true/false condition'],
    ['not failed', 5, '"not" needs a true/false condition'],
    ['nodeFragment("a") > 0', 14, 'needs a number'],
    ['$who > 1', 1, 'left side is a string'],
  ])('%j', (text, column, words) => {
    const error = compileError(text);
    expect(error.message).toContain(words);
    expect(error.line).toBe(40);
    expect(error.column).toBe(column);
  });

  test('a snippet that starts mid-line keeps its column on the first line only', () => {
    const result = compileExpr({ text: 'failed > 0 and\nbogus', line: 7, column: 10 }, env, 'bool', 'a check');
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.error.line, result.error.column]).toEqual([8, 1]);
    const first = compileExpr({ text: 'bogus', line: 7, column: 10 }, env, 'bool', 'a check');
    if (!first.ok) expect([first.error.line, first.error.column]).toEqual([7, 10]);
  });
});

describe('evaluation', () => {
  test('precedence: * before +, comparison before and, and before or', async () => {
    expect((await evaluateCondition(compiled('1 + 2 * 3 == 7'), source({}))).pass).toBe(true);
    expect((await evaluateCondition(compiled('(1 + 2) * 3 == 9 and -2 < 0'), source({}))).pass).toBe(true);
    expect((await evaluateCondition(compiled('false and false or true'), source({}))).pass).toBe(true);
    expect((await evaluateCondition(compiled('not false and false'), source({}))).pass).toBe(false);
  });

  test('metrics, strings, counts, variables and node facts', async () => {
    const s = source({ failed: 3, policy: 'FGD', allocRatio: 92.5 }, { failed: 2, node: 1 }, { 12: 1300 });
    const check = compiled('failed >= 1 and policy == "FGD" and count(failed) == 2 and count(node) >= 1 and nodeGpuFree($node) >= 1000 and allocRatio / 100 > 0.9');
    expect(await evaluateCondition(check, s)).toMatchObject({ pass: true, message: 'passed' });
  });

  test('a failing check names the clause and its values', async () => {
    const result = await evaluateCondition(compiled('failed >= 1'), source({ failed: 0 }));
    expect(result).toMatchObject({ pass: false, message: 'failed >= 1 is false: failed = 0' });
  });

  test('with and, the first false clause is the one reported', async () => {
    const result = await evaluateCondition(compiled('step  >=   8000 and failed == 0'), source({ step: 8077, failed: 1 }));
    expect(result.message).toBe('failed == 0 is false: failed = 1');
  });

  test('with or, both clauses are explained; not says what was true', async () => {
    const or = await evaluateCondition(compiled('count(failed) >= 1 or allocRatio > 95'), source({ allocRatio: 92.24275 }));
    expect(or.message).toBe('count(failed) >= 1 is false: count(failed) = 0; and allocRatio > 95 is false: allocRatio = 92.2428');
    const not = await evaluateCondition(compiled('not (policy == "BestFit")'), source({ policy: 'BestFit' }));
    expect(not.message).toBe('not (policy == "BestFit") is false: (policy == "BestFit") is true (policy = "BestFit")');
  });

  test('a runtime problem (a bad node id) fails the check with a position', async () => {
    const result = await evaluateCondition(compiled('nodeFragment(0 - 1) > 0'), source({}));
    expect(result.pass).toBe(false);
    expect(result.message).toContain('line 40, column 14');
    expect(result.message).toContain('node id must be a whole number');
  });
});

describe('nesting is bounded, with its own message', () => {
  // The reproducers: these overflowed the stack in the parser, type checker and evaluator.
  test.each([
    ['brackets', `${'('.repeat(1075)}failed > 0${')'.repeat(1075)}`, 65],
    ['unary minus', `${'-'.repeat(2287)}1 < 0`, 65],
    ['not', `${'not '.repeat(500)}true`, 257],
    ['a long chain of +', `0${' + 1'.repeat(5000)} > 0`, 255],
    ['a long chain of and', `true${' and true'.repeat(3000)}`, 573],
  ])('%s', (_name, text, column) => {
    const error = compileError(text);
    expect(error.message).toContain('nested too deeply (more than 64 levels');
    expect(error.line).toBe(40);
    expect(error.column).toBe(column);
  });

  test('64 levels still compile and evaluate', async () => {
    const deep = compiled(`${'('.repeat(60)}failed > 0${')'.repeat(60)}`);
    expect((await evaluateCondition(deep, source({ failed: 1 }))).pass).toBe(true);
    const minus = compiled(`${'-'.repeat(62)}1 > 0`);
    expect((await evaluateCondition(minus, source({}))).pass).toBe(true);
  });

  test('a very long flat text lexes in linear time (no copy per token)', () => {
    const error = compileError(`failed > ${'1'.repeat(200_000)}x`);
    expect(error.message).toContain('not a number');
  });
});
