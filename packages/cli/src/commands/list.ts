import pc from 'picocolors';
import { loadAllLabs } from '@archlab/runner';

export async function listCommand(): Promise<number> {
  const labs = await loadAllLabs();
  if (labs.length === 0) {
    console.log('no labs found');
    return 0;
  }
  const width = Math.max(...labs.map((lab) => lab.id.length));
  for (const lab of labs) {
    const points = lab.checks.reduce((sum, check) => sum + check.points, 0);
    console.log(`${pc.bold(lab.id.padEnd(width))}  ${lab.title} ${pc.dim(`(${lab.difficulty}, ${lab.checks.length} checks, ${points} points)`)}`);
    console.log(`${' '.repeat(width)}  ${pc.dim(lab.summary)}`);
  }
  console.log(pc.dim(`\nstart one with: pnpm lab init <lab>`));
  return 0;
}
