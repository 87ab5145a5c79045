import { describe, expect, it } from 'vitest';
import { createSseParser } from '../src/labs/sse-parser.ts';

describe('SSE parser', () => {
  it('frames events across arbitrary chunk boundaries, with ids, comments, multi-line data and CRLF', () => {
    const parser = createSseParser();
    const text = 'retry: 2000\n\n: keep-alive\n\nid: 7\nevent: progress\ndata: {"a":\ndata: 1}\n\r\nevent: result\r\ndata:{"done":true}\r\n\r\ndata: plain\n\n';
    const messages = [];
    for (let at = 0; at < text.length; at += 3) messages.push(...parser.push(text.slice(at, at + 3)));
    expect(messages).toEqual([
      { event: 'progress', data: '{"a":\n1}', id: '7' },
      { event: 'result', data: '{"done":true}' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('holds an unfinished frame until its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('event: progress\ndata: x\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'progress', data: 'x' }]);
  });
});
