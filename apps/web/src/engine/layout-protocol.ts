// Messages to and from the auto-layout worker (elkjs, layered left to right).

export interface LayoutRequestMessage {
  kind: 'layout';
  id: number;
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; from: string; to: string }[];
}

export type LayoutReplyMessage =
  | { kind: 'laid-out'; id: number; positions: Record<string, { x: number; y: number }> }
  | { kind: 'failure'; id: number; message: string };
