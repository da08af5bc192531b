/**
 * Makes untrusted text (file content, key names) safe to print on a terminal: control characters, bidi
 * overrides and invisible characters each become one visible stand-in, so columns stay aligned with the
 * source and a file cannot move the cursor, recolour the terminal or hide text.
 */
export function visible(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 && c !== 0x09) out += String.fromCodePoint(0x2400 + c);
    else if (c === 0x7f) out += "\u2421";
    else if ((c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) out += "\ufffd";
    else if ((c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0xad) out += "\u25cc";
    else if (c === 0xa0 || c === 0x202f || c === 0x2007 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000) out += "\u2423";
    else out += ch;
  }
  return out;
}
