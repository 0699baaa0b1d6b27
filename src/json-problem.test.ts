import { describe, expect, it } from 'vitest';
import { jsonProblem } from './json-problem.js';

const problem = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (err) {
    return jsonProblem(text, err);
  }
  throw new Error('parsed');
};

describe('jsonProblem', () => {
  it('one line with line and column, not V8 quoting the source over several lines', () => {
    const p = problem('{\n "schemaVersion": 1,\n "meta": x\n}');
    expect(p).not.toContain('\n');
    expect(p).toMatch(/^line 3, column \d+: /);
  });

  it('says what is wrong with empty, cut-short and BOM / UTF-16 files', () => {
    expect(problem('')).toBe('the file is empty');
    expect(problem('{"a": [1,')).toBe('it ends too early (unclosed { or [ ?)');
    expect(problem('\uFEFF{"a": 1}')).toBe(
      'the file starts with a byte-order mark: save it as UTF-8 without BOM',
    );
    expect(problem('{\u0000"\u0000a\u0000"\u0000')).toBe('the file looks like UTF-16: save it as UTF-8');
  });
});
