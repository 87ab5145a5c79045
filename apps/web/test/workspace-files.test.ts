// The file tree's rules, which mirror what the API accepts (its limits arrive with the lab).
import { describe, expect, it } from 'vitest';
import type { SubmissionLimits } from '../src/labs/api-schemas.ts';
import { addFile, deleteFile, fileTree, pathProblem, renameFile, submissionProblems, writeFile } from '../src/labs/workspace-files.ts';

const limits: SubmissionLimits = {
  maxFiles: 3,
  maxFileBytes: 100,
  maxTotalBytes: 150,
  maxPathLength: 40,
  maxPathDepth: 3,
  allowedExtensions: ['.ts', '.js', '.json', '.md', '.sql'],
};
const entry = 'src/server.ts';
const starter = [{ path: entry, content: 'x' }];

describe('workspace files', () => {
  it('names what the API would refuse in a path', () => {
    expect(pathProblem('src/redis.ts', limits)).toBeNull();
    expect(pathProblem('', limits)).toBe('a file needs a name');
    expect(pathProblem('/etc/passwd.ts', limits)).toMatch(/without a leading "\/"/);
    expect(pathProblem('src/../x.ts', limits)).toMatch(/"\." or "\.\."/);
    expect(pathProblem('src//x.ts', limits)).toMatch(/"\/\/"/);
    expect(pathProblem('src\\x.ts', limits)).toMatch(/use "\/"/);
    expect(pathProblem('src/my file.ts', limits)).toMatch(/letters, digits/);
    expect(pathProblem('notes.txt', limits)).toBe('a file must end in .ts, .js, .json, .md, .sql');
    expect(pathProblem('a/b/c/d.ts', limits)).toBe('a path may be at most 3 levels deep');
    expect(pathProblem(`${'x'.repeat(41)}.ts`, limits)).toBe('a path may be at most 40 characters');
  });

  it('adds, renames and deletes files, keeping the entry and refusing clashes', () => {
    const added = addFile(starter, ' src/redis.ts ', limits);
    expect(added).toEqual({ ok: true, files: [{ path: 'src/redis.ts', content: '' }, ...starter] });
    if (!added.ok) return;
    expect(addFile(added.files, 'src/redis.ts', limits)).toEqual({ ok: false, error: 'src/redis.ts already exists' });
    expect(addFile(added.files, 'src', limits)).toMatchObject({ ok: false });
    expect(addFile(added.files, 'src/server.ts/x.ts', limits)).toEqual({ ok: false, error: 'src/server.ts is a file, not a folder' });
    const third = addFile(added.files, 'README.md', limits);
    expect(third.ok && addFile(third.files, 'b.ts', limits)).toEqual({ ok: false, error: 'a submission holds at most 3 files' });

    expect(renameFile(added.files, entry, 'src/main.ts', limits, entry)).toEqual({ ok: false, error: 'the graders start src/server.ts: it keeps its name' });
    expect(renameFile(added.files, 'src/redis.ts', 'src/server.ts', limits, entry)).toEqual({ ok: false, error: 'src/server.ts already exists' });
    expect(renameFile(added.files, 'src/redis.ts', 'src/store/redis.ts', limits, entry)).toEqual({
      ok: true,
      files: [starter[0], { path: 'src/store/redis.ts', content: '' }],
    });
    expect(deleteFile(added.files, entry, entry)).toEqual({ ok: false, error: 'the graders start src/server.ts: it cannot be deleted' });
    expect(deleteFile(added.files, 'src/redis.ts', entry)).toEqual({ ok: true, files: starter });
  });

  it('writes content without a new array when nothing changed', () => {
    expect(writeFile(starter, entry, 'x')).toBe(starter);
    expect(writeFile(starter, entry, 'y')).toEqual([{ path: entry, content: 'y' }]);
  });

  it('lists what stops a submission: the entry, sizes (in UTF-8 bytes), count', () => {
    expect(submissionProblems(starter, limits, entry)).toEqual([]);
    expect(submissionProblems([{ path: 'a.ts', content: '' }], limits, entry)).toEqual(['the graders start src/server.ts: add it back']);
    const big = [
      { path: entry, content: 'é'.repeat(51) },
      { path: 'b.ts', content: 'x'.repeat(60) },
    ];
    expect(submissionProblems(big, limits, entry)).toEqual([
      'src/server.ts is 102 B; a file may be at most 100 B',
      'the files total 162 B; a submission may be at most 150 B',
    ]);
  });

  it('shows files as folders first, then files, by name', () => {
    const tree = fileTree([{ path: 'package.json', content: '' }, { path: 'src/b.ts', content: '' }, { path: 'src/a/x.ts', content: '' }]);
    expect(tree).toEqual([
      {
        kind: 'folder',
        name: 'src',
        path: 'src',
        children: [
          { kind: 'folder', name: 'a', path: 'src/a', children: [{ kind: 'file', name: 'x.ts', path: 'src/a/x.ts' }] },
          { kind: 'file', name: 'b.ts', path: 'src/b.ts' },
        ],
      },
      { kind: 'file', name: 'package.json', path: 'package.json' },
    ]);
  });
});
