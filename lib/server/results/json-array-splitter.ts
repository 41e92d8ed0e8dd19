// Reads a JSON array as it streams in, one element at a time, in bounded memory: Syllable's
// results answer is one array of up to a million rows (≈ 490 MB), too big to hold as a string.
//
// Why not a streaming JSON library: @streamparser/json tokenises every character in JavaScript
// (1.2 s per 100k rows here); this finds where each element ends (a byte scan that skips string
// contents with Buffer.indexOf) and hands the element to the native JSON.parse (0.5 s per 100k).
// Scanning bytes is safe for UTF-8: every byte of a multi-byte character is ≥ 0x80, so none is
// taken for a quote, a bracket or a comma, and an element is decoded only once it is whole.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export class TruncatedJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TruncatedJsonError";
  }
}

export type ArraySplitter = {
  /** Feeds the next bytes; calls `onElement` for each element completed by them. */
  write(chunk: Uint8Array): void;
  /** The answer has ended: throws TruncatedJsonError unless the array was closed. */
  end(): void;
};

/**
 * A splitter for one top-level JSON array. `onElement` gets each element parsed, with its text;
 * an element that is not valid JSON throws (from `write`), as does anything but an array.
 */
export function jsonArraySplitter(onElement: (value: unknown, text: string) => void): ArraySplitter {
  let carry: Buffer | null = null; // the unfinished element's bytes so far
  let depth = 0;
  let inString = false;
  let escaped = false; // the previous chunk ended inside a string on an odd run of backslashes
  let closed = false;
  let opened = false;

  const emit = (buf: Buffer, start: number, end: number) => {
    const text = buf.toString("utf8", start, end).trim();
    if (text) onElement(JSON.parse(text), text);
  };

  return {
    write(chunk) {
      if (closed) {
        if (Buffer.from(chunk).toString("utf8").trim()) throw new SyntaxError("Unexpected data after the end of the JSON array");
        return;
      }
      const incoming = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const buf = carry ? Buffer.concat([carry, incoming]) : incoming;
      let i = carry ? carry.length : 0;
      let start = 0;
      carry = null;
      const n = buf.length;
      while (i < n) {
        if (inString) {
          // Jump to the next quote; it closes the string unless an odd run of backslashes precedes it.
          const quote = buf.indexOf(QUOTE, i);
          const stop = quote < 0 ? n : quote;
          let backslashes = 0;
          for (let k = stop - 1; k >= i && buf[k] === BACKSLASH; k--) backslashes++;
          if (backslashes === stop - i && escaped) backslashes++;
          if (quote < 0) {
            escaped = backslashes % 2 === 1;
            break;
          }
          escaped = false;
          if (backslashes % 2 === 0) inString = false;
          i = quote + 1;
          continue;
        }
        const b = buf[i]!;
        if (b === QUOTE) {
          if (depth === 0) throw new SyntaxError("Expected a JSON array");
          inString = true;
        } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
          if (depth === 0) {
            if (b !== OPEN_BRACKET || opened) throw new SyntaxError("Expected a JSON array");
            opened = true;
            start = i + 1;
          }
          depth++;
        } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) {
            emit(buf, start, i);
            closed = true;
            if (buf.toString("utf8", i + 1).trim()) throw new SyntaxError("Unexpected data after the end of the JSON array");
            return;
          }
          if (depth < 0) throw new SyntaxError("Unbalanced JSON");
        } else if (b === COMMA && depth === 1) {
          emit(buf, start, i);
          start = i + 1;
        } else if (depth === 0 && b > 0x20) {
          throw new SyntaxError("Expected a JSON array");
        }
        i++;
      }
      if (depth >= 1) carry = buf.subarray(start);
    },
    end() {
      if (!closed) throw new TruncatedJsonError(opened ? "The JSON array ended before it was closed" : "The answer was empty");
    },
  };
}
