// Web Worker entry: discrete-event runs and challenge grading off the main thread.
import { createSimulationHandler } from './simulation-handler.ts';
import type { SimulationReplyMessage, SimulationRequestMessage } from './simulation-protocol.ts';

const scope = self as unknown as { onmessage: ((event: MessageEvent<SimulationRequestMessage>) => void) | null; postMessage(message: SimulationReplyMessage): void };
const handle = createSimulationHandler();
scope.onmessage = (event) => handle(event.data, (reply) => scope.postMessage(reply));
