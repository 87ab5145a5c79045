import { describe, expect, it } from 'vitest';
import { Http1ResponseParser, ResponseParseError } from '../src/http1-response-parser.ts';
import type { ResponseHead } from '../src/http1-response-parser.ts';

interface Parsed {
  head?: ResponseHead;
  body: string;
  complete: boolean;
}

function parse(pieces: readonly Buffer[], options: { isHeadRequest?: boolean; closeAtEnd?: boolean } = {}): Parsed {
  const parsed: Parsed = { body: '', complete: false };
  const parser = new Http1ResponseParser(
    {
      onHead: (head) => (parsed.head = head),
      onBody: (chunk) => (parsed.body += chunk.toString('latin1')),
      onComplete: () => (parsed.complete = true),
    },
    options.isHeadRequest ?? false,
  );
  for (const piece of pieces) parser.push(piece);
  if (options.closeAtEnd) parser.endOfInput();
  return parsed;
}

/** Every way of cutting `text` in two, plus one byte at a time. */
function splits(text: string): Buffer[][] {
  const bytes = Buffer.from(text, 'latin1');
  const ways: Buffer[][] = [];
  for (let cut = 0; cut <= bytes.length; cut++) ways.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
  ways.push([...bytes].map((byte) => Buffer.from([byte])));
  return ways;
}

const CHUNKED =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Limit: 5\r\nX-Limit: 6\r\n\r\n' +
  'a;name=value\r\n0123456789\r\n3\r\n\r\n\r\r\n0\r\nTrailer: x\r\n\r\n';

describe('Http1ResponseParser', () => {
  it('parses a chunked response with extensions, CRLF inside data and trailers, however it is split', () => {
    for (const pieces of splits(CHUNKED)) {
      const parsed = parse(pieces);
      expect(parsed.complete).toBe(true);
      expect(parsed.body).toBe('0123456789\r\n\r');
      expect(parsed.head).toEqual({
        status: 200,
        headers: [
          ['transfer-encoding', 'chunked'],
          ['x-limit', '5'],
          ['x-limit', '6'],
        ],
      });
    }
  });

  it('parses a content-length body, however it is split, and ignores bytes after it', () => {
    const text = 'HTTP/1.1 429 Too Many Requests\r\nContent-Length: 5\r\nRetry-After: 2\r\n\r\nlimitGARBAGE';
    for (const pieces of splits(text)) {
      const parsed = parse(pieces);
      expect(parsed).toMatchObject({ complete: true, body: 'limit', head: { status: 429 } });
    }
  });

  it('skips 1xx heads and stops at the real one', () => {
    const parsed = parse([Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok')]);
    expect(parsed).toMatchObject({ complete: true, body: 'ok', head: { status: 201 } });
  });

  it('reads a body without length until the connection closes', () => {
    const pieces = [Buffer.from('HTTP/1.0 200 OK\r\nConnection: close\r\n\r\npart1,'), Buffer.from('part2')];
    expect(parse(pieces)).toMatchObject({ complete: false, body: 'part1,part2' });
    expect(parse(pieces, { closeAtEnd: true })).toMatchObject({ complete: true, body: 'part1,part2' });
  });

  it('expects no body for HEAD, 204 and 304 even with a content-length', () => {
    const head = parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n')], { isHeadRequest: true });
    expect(head).toMatchObject({ complete: true, body: '' });
    expect(parse([Buffer.from('HTTP/1.1 204 No Content\r\n\r\n')])).toMatchObject({ complete: true });
    expect(parse([Buffer.from('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n')])).toMatchObject({ complete: true });
  });

  it('is not complete while a chunked body is still open', () => {
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab')], { closeAtEnd: true }))
      .toMatchObject({ complete: false, body: 'ab' });
  });

  it('throws ResponseParseError on malformed input', () => {
    expect(() => parse([Buffer.from('SSH-2.0-OpenSSH\r\n\r\n')])).toThrow(ResponseParseError);
    expect(() => parse([Buffer.from('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')])).toThrow(/bad header line/);
    expect(() => parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n')])).toThrow(/content-length/);
    expect(() => parse([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')])).toThrow(/chunk size/);
    expect(() => parse([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n')])).toThrow(/CRLF/);
    expect(() => parse([Buffer.alloc(70 * 1024, 'a')])).toThrow(/longer than/);
  });
});
