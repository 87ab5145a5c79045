import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { filePathProblem, type GradingResult, type SubmissionFile } from '@archlab/api';
import type { LabDefinition, ProfileName } from '@archlab/lab-kit';
import { makeTempDir } from '@archlab/proc';
import { CandidateStartError, runLab, type Isolation, type RunEvent } from '@archlab/runner';

/** The stored files broke the API's rules (the row was not written by the API): nothing to grade, never retried. */
export class UnsafeSubmissionError extends Error {
  override readonly name = 'UnsafeSubmissionError';
}

/** The run was aborted (the worker is shutting down): its report must not be stored; another run grades it. */
export class GradingInterruptedError extends Error {
  override readonly name = 'GradingInterruptedError';
}

async function writeSubmission(root: string, files: readonly SubmissionFile[]): Promise<void> {
  for (const file of files) {
    // The API validated these names; check again before they touch the disk.
    const problem = filePathProblem(file.path);
    const target = resolve(root, file.path);
    if (problem || !target.startsWith(root + sep)) throw new UnsafeSubmissionError(`refusing file ${JSON.stringify(file.path)}: ${problem ?? 'outside the workspace'}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: 'wx' });
  }
}

export interface GradeFilesOptions {
  lab: LabDefinition<unknown>;
  files: readonly SubmissionFile[];
  profile: ProfileName;
  seed: number;
  checkIds: readonly string[] | null;
  isolation: Isolation;
  onEvent: (event: RunEvent) => void;
  signal?: AbortSignal;
}

/**
 * Writes the candidate's files into a fresh temp dir and grades that folder with the runner. A solution that
 * does not start is the candidate's outcome (did-not-start, verdict "fail"); every other error is thrown for
 * the caller to retry or give up on.
 */
export async function gradeFiles(options: GradeFilesOptions): Promise<GradingResult> {
  const workspace = await makeTempDir('archlab-submission-');
  try {
    const root = join(workspace.path, 'solution');
    await mkdir(root);
    await writeSubmission(root, options.files);
    const report = await runLab({
      lab: options.lab,
      solutionDir: root,
      profile: options.profile,
      seed: options.seed,
      ...(options.checkIds ? { checkIds: options.checkIds } : {}),
      isolation: options.isolation,
      onEvent: options.onEvent,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (options.signal?.aborted) throw new GradingInterruptedError('grading interrupted: the worker is stopping');
    return { outcome: 'graded', verdict: report.verdict, score: report.score, maxScore: report.maxScore, report };
  } catch (error) {
    if (!(error instanceof CandidateStartError)) throw error;
    const maxScore = options.lab.checks
      .filter((check) => !options.checkIds || options.checkIds.includes(check.id))
      .reduce((sum, check) => sum + check.points, 0);
    return { outcome: 'did-not-start', verdict: 'fail', score: 0, maxScore, startFailure: { ...error.failure } };
  } finally {
    await workspace.remove();
  }
}
