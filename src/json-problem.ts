// Why a text is not JSON, in one line a person can act on: where (line and column) and what. V8's own message
// spans lines (it quotes the source) and counts characters from the start of the file.

function firstOutsideString(text: string, ch: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ch) return i;
  }
  return -1;
}

function lineColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  return `line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** The one-line reason `JSON.parse(text)` threw `err`: "line L, column C: problem". */
export function jsonProblem(text: string, err: unknown): string {
  // Files saved by Windows tools: say what to do rather than show an invisible character.
  if (text.charCodeAt(0) === 0xfeff)
    return 'the file starts with a byte-order mark: save it as UTF-8 without BOM';
  if (text.includes('\u0000')) return 'the file looks like UTF-16: save it as UTF-8';
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  const position = /at position (\d+)/.exec(message);
  const token = /^Unexpected token '(.)'/.exec(message);
  if (position?.[1]) {
    return `${lineColumn(text, Number(position[1]))}: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`;
  }
  if (token?.[1]) {
    const at = firstOutsideString(text, token[1]);
    return `${at >= 0 ? `${lineColumn(text, at)}: ` : ''}unexpected character '${token[1]}'`;
  }
  if (message.includes('end of JSON input')) {
    return text.trim() === '' ? 'the file is empty' : 'it ends too early (unclosed { or [ ?)';
  }
  return message;
}

/** JSON.parse that throws `fail(problem)` with the one-line problem instead of V8's error. */
export function parseJsonOr(text: string, fail: (problem: string) => Error): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw fail(jsonProblem(text, err));
  }
}
