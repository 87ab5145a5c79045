// The candidate's files as plain data, and the edits the file tree makes to them. The rules mirror what
// the API accepts (its limits come with the lab), so a mistake is named here, at once, not after a Run.
import type { SubmissionLimits, WorkspaceFile } from './api-schemas.ts';

export type WorkspaceFiles = readonly WorkspaceFile[];

export type FileEdit = { ok: true; files: WorkspaceFiles } | { ok: false; error: string };

const segmentPattern = /^[A-Za-z0-9_@.-]+$/;
const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Why the API would refuse this file name, or null when it is fine. */
export function pathProblem(path: string, limits: SubmissionLimits): string | null {
  if (path === '') return 'a file needs a name';
  if (path.includes('\\')) return 'use "/" between folders, not "\\"';
  if (path.startsWith('/')) return 'give a path inside the workspace, without a leading "/"';
  if (path.length > limits.maxPathLength) return `a path may be at most ${limits.maxPathLength} characters`;
  const segments = path.split('/');
  if (segments.length > limits.maxPathDepth) return `a path may be at most ${limits.maxPathDepth} levels deep`;
  for (const segment of segments) {
    if (segment === '') return 'a path cannot contain "//" or end with "/"';
    if (segment === '.' || segment === '..') return 'a path cannot contain "." or ".." folders';
    if (!segmentPattern.test(segment)) return 'names may only use letters, digits, "_", "-", "@" and "."';
  }
  if (!limits.allowedExtensions.some((extension) => path.endsWith(extension))) {
    return `a file must end in ${limits.allowedExtensions.join(', ')}`;
  }
  return null;
}

function sorted(files: WorkspaceFiles): WorkspaceFiles {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A folder and a file cannot share a name ("src" and "src/x.ts"): the checkout would not be possible. */
function clashes(files: WorkspaceFiles, path: string): string | null {
  for (const file of files) {
    if (file.path === path) return `${path} already exists`;
    if (file.path.startsWith(`${path}/`)) return `${path} is a folder`;
    if (path.startsWith(`${file.path}/`)) return `${file.path} is a file, not a folder`;
  }
  return null;
}

export function addFile(files: WorkspaceFiles, rawPath: string, limits: SubmissionLimits, content = ''): FileEdit {
  const path = rawPath.trim();
  const problem = pathProblem(path, limits) ?? clashes(files, path);
  if (problem) return { ok: false, error: problem };
  if (files.length >= limits.maxFiles) return { ok: false, error: `a submission holds at most ${limits.maxFiles} files` };
  return { ok: true, files: sorted([...files, { path, content }]) };
}

export function renameFile(files: WorkspaceFiles, from: string, rawTo: string, limits: SubmissionLimits, entry: string): FileEdit {
  const to = rawTo.trim();
  if (to === from) return { ok: true, files };
  if (from === entry) return { ok: false, error: `the graders start ${entry}: it keeps its name` };
  const others = files.filter((file) => file.path !== from);
  const problem = pathProblem(to, limits) ?? clashes(others, to);
  if (problem) return { ok: false, error: problem };
  return { ok: true, files: sorted(files.map((file) => (file.path === from ? { path: to, content: file.content } : file))) };
}

export function deleteFile(files: WorkspaceFiles, path: string, entry: string): FileEdit {
  if (path === entry) return { ok: false, error: `the graders start ${entry}: it cannot be deleted` };
  if (!files.some((file) => file.path === path)) return { ok: false, error: `${path} does not exist` };
  return { ok: true, files: files.filter((file) => file.path !== path) };
}

/** The same array when nothing changed (so an editor echoing its value is not an edit). */
export function writeFile(files: WorkspaceFiles, path: string, content: string): WorkspaceFiles {
  const index = files.findIndex((file) => file.path === path);
  if (index === -1 || files[index]!.content === content) return files;
  return files.map((file, at) => (at === index ? { path, content } : file));
}

/** What stops these files from being submitted (sizes, count, the entry), first problem first. */
export function submissionProblems(files: WorkspaceFiles, limits: SubmissionLimits, entry: string): string[] {
  const problems: string[] = [];
  if (!files.some((file) => file.path === entry)) problems.push(`the graders start ${entry}: add it back`);
  if (files.length > limits.maxFiles) problems.push(`${files.length} files; a submission holds at most ${limits.maxFiles}`);
  let total = 0;
  for (const file of files) {
    const bytes = byteLength(file.content);
    total += bytes;
    if (bytes > limits.maxFileBytes) problems.push(`${file.path} is ${formatBytes(bytes)}; a file may be at most ${formatBytes(limits.maxFileBytes)}`);
    const problem = pathProblem(file.path, limits);
    if (problem) problems.push(`${file.path}: ${problem}`);
  }
  if (total > limits.maxTotalBytes) problems.push(`the files total ${formatBytes(total)}; a submission may be at most ${formatBytes(limits.maxTotalBytes)}`);
  return problems;
}

export function totalBytes(files: WorkspaceFiles): number {
  return files.reduce((sum, file) => sum + byteLength(file.content), 0);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

export interface FileTreeFolder {
  kind: 'folder';
  name: string;
  path: string;
  children: FileTreeNode[];
}
export interface FileTreeFile {
  kind: 'file';
  name: string;
  path: string;
}
export type FileTreeNode = FileTreeFolder | FileTreeFile;

/** Files as nested folders, folders first, then by name. */
export function fileTree(files: WorkspaceFiles): FileTreeNode[] {
  const root: FileTreeFolder = { kind: 'folder', name: '', path: '', children: [] };
  for (const file of files) {
    const segments = file.path.split('/');
    let folder = root;
    for (const [index, name] of segments.entries()) {
      const path = segments.slice(0, index + 1).join('/');
      if (index === segments.length - 1) {
        folder.children.push({ kind: 'file', name, path });
        break;
      }
      let next = folder.children.find((child): child is FileTreeFolder => child.kind === 'folder' && child.name === name);
      if (!next) {
        next = { kind: 'folder', name, path, children: [] };
        folder.children.push(next);
      }
      folder = next;
    }
  }
  const order = (nodes: FileTreeNode[]): FileTreeNode[] =>
    nodes
      .sort((a, b) => (a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((node) => (node.kind === 'folder' ? { ...node, children: order(node.children) } : node));
  return order(root.children);
}

/** The editor's language for a file name. */
export function languageOf(path: string): 'typescript' | 'javascript' | 'json' | 'markdown' | 'sql' | 'plaintext' {
  if (path.endsWith('.ts')) return 'typescript';
  if (path.endsWith('.js')) return 'javascript';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.md')) return 'markdown';
  if (path.endsWith('.sql')) return 'sql';
  return 'plaintext';
}
