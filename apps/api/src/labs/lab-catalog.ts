import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabDefinition } from '@archlab/lab-kit';
import { loadAllLabs, readSolutionFiles } from '@archlab/runner';
import { submissionLimits } from '../submission-request.ts';

export interface LabSummary {
  id: string;
  title: string;
  summary: string;
  difficulty: 'intro' | 'intermediate' | 'advanced';
  topics: string[];
  checkCount: number;
  maxScore: number;
}

export interface LabDetail extends LabSummary {
  /** The candidate's task, markdown (the lab's README.md). */
  readme: string;
  /** The file the graders start; every submission must contain it. */
  entry: string;
  starterFiles: { path: string; content: string }[];
  checks: { id: string; title: string; points: number }[];
  profiles: { name: 'quick' | 'full'; description: string }[];
  /** The lab's diagram.json (a sim design document), or null when the lab has none. */
  diagram: unknown;
  limits: typeof submissionLimits;
}

export interface LabCatalog {
  summaries(): LabSummary[];
  detail(id: string): LabDetail | undefined;
  definition(id: string): LabDefinition<unknown> | undefined;
}

async function describeLab(lab: LabDefinition<unknown>): Promise<LabDetail> {
  const root = fileURLToPath(lab.root);
  const readmePath = join(root, 'README.md');
  const diagramPath = join(root, 'diagram.json');
  const profiles: LabDetail['profiles'] = [{ name: 'quick', description: lab.profiles.quick.description }];
  if (lab.profiles.full) profiles.push({ name: 'full', description: lab.profiles.full.description });
  return {
    id: lab.id,
    title: lab.title,
    summary: lab.summary,
    difficulty: lab.difficulty,
    topics: [...lab.topics],
    checkCount: lab.checks.length,
    maxScore: lab.checks.reduce((sum, check) => sum + check.points, 0),
    readme: existsSync(readmePath) ? await readFile(readmePath, 'utf8') : '',
    entry: lab.candidate.entry,
    starterFiles: readSolutionFiles(join(root, 'starter')),
    checks: lab.checks.map(({ id, title, points }) => ({ id, title, points })),
    profiles,
    diagram: existsSync(diagramPath) ? (JSON.parse(await readFile(diagramPath, 'utf8')) as unknown) : null,
    limits: submissionLimits,
  };
}

function summaryOf(detail: LabDetail): LabSummary {
  const { id, title, summary, difficulty, topics, checkCount, maxScore } = detail;
  return { id, title, summary, difficulty, topics, checkCount, maxScore };
}

/** Every lab of the workspace, read once: labs change with a deploy, not while the API runs. */
export async function loadLabCatalog(labsDir?: string): Promise<LabCatalog> {
  const labs = await loadAllLabs(labsDir);
  const details = new Map<string, LabDetail>();
  for (const lab of labs) details.set(lab.id, await describeLab(lab));
  const definitions = new Map(labs.map((lab) => [lab.id, lab]));
  const summaries = [...details.values()].map(summaryOf);
  return {
    summaries: () => summaries,
    detail: (id) => details.get(id),
    definition: (id) => definitions.get(id),
  };
}
