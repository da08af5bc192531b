/**
 * Where a JSON text stops being JSON, and why, for a text `JSON.parse` rejected.
 *
 * V8's messages give a position for some mistakes and none for others (`Unexpected token '}', "…" is not
 * valid JSON` for a trailing comma), and their wording changes between Node versions. The mistakes people
 * make in a JSON config are few and JSON's grammar is small, so this scanner finds the offset itself and
 * names the usual suspects: trailing commas, comments, single quotes. It is only run after `JSON.parse`
 * failed, so it never decides what is valid.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset of the first character that cannot be there. */
  readonly offset: number;
  readonly message: string;
}

const MAX_DEPTH = 1000;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** The first syntax error of `text`, or undefined when this scanner finds none. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const expected = (what: string): never => fail(i >= text.length ? "unexpected end of file" : `expected ${what}`);
  const space = (): void => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
    if (text.startsWith("//", i) || text.startsWith("/*", i)) fail("comments are not allowed in JSON (a YAML config can have them)");
  };
  const unexpected = (): never => {
    if (i >= text.length) return fail("unexpected end of file");
    const c = text.charAt(i);
    if (c === "'") return fail("strings must be in double quotes");
    return fail(`unexpected ${JSON.stringify(c)}`);
  };
  const string = (): void => {
    const start = i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= text.length || c === 10) fail("unterminated string", start);
      if (c === 34) break;
      if (c < 0x20) fail("control characters must be escaped in a string");
      if (c === 92) {
        if (/^u[0-9a-fA-F]{4}/.test(text.slice(i + 1, i + 6))) i += 5;
        else if (i + 1 >= text.length || !'"\\/bfnrt'.includes(text.charAt(i + 1))) fail(`invalid escape ${JSON.stringify(text.slice(i, i + 2))}`);
        else i++;
      }
      i++;
    }
    i++;
  };
  const sequence = (close: string, entry: () => void, depth: number): void => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    i++;
    space();
    if (text.charAt(i) === close) {
      i++;
      return;
    }
    for (;;) {
      entry();
      space();
      if (text.charAt(i) === close) break;
      if (text.charAt(i) !== ",") expected(`"," or "${close}"`);
      const comma = i++;
      space();
      if (text.charAt(i) === close) fail(`trailing comma before "${close}"`, comma);
    }
    i++;
  };
  const value = (depth: number): void => {
    space();
    const c = text.charAt(i);
    if (c === "{") {
      sequence("}", () => {
        space();
        if (text.charAt(i) !== '"') unexpected();
        string();
        space();
        if (text.charAt(i) !== ":") expected('":" after the key');
        i++;
        value(depth + 1);
      }, depth);
    } else if (c === "[") sequence("]", () => value(depth + 1), depth);
    else if (c === '"') string();
    else if (!sticky(NUMBER) && !sticky(LITERAL)) unexpected();
  };
  const sticky = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  try {
    value(0);
    space();
    if (i < text.length) fail("unexpected text after the end of the JSON value");
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message };
    throw error;
  }
}
