// A validation problem, named the way a person finds it on the canvas: which node, edge or class,
// which field, what is wrong.

export interface DesignIssue {
  /** "node 'redis' (cache)", "edge 'api-db'", "class 'read'" or "design". */
  subject: string;
  /** The field inside the subject, e.g. "props.hitRatio" or "share"; empty for the subject as a whole. */
  field: string;
  message: string;
  /** JSON path into the document. */
  path: (string | number)[];
}

export function formatIssue(issue: DesignIssue): string {
  return issue.field ? `${issue.subject}: ${issue.field}: ${issue.message}` : `${issue.subject}: ${issue.message}`;
}

export class DesignValidationError extends Error {
  override readonly name = 'DesignValidationError';
  constructor(readonly issues: readonly DesignIssue[]) {
    super(`invalid design (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `- ${formatIssue(i)}`).join('\n')}`);
  }
}

export function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
