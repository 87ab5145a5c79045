// Web Worker entry: ELK layout off the main thread (it takes hundreds of ms on large designs).
import { handleLayoutMessage } from './layout-handler.ts';
import type { LayoutReplyMessage, LayoutRequestMessage } from './layout-protocol.ts';

const scope = self as unknown as { onmessage: ((event: MessageEvent<LayoutRequestMessage>) => void) | null; postMessage(message: LayoutReplyMessage): void };
scope.onmessage = (event) => handleLayoutMessage(event.data, (reply) => scope.postMessage(reply));
