// The last line of defence when this Node process dies without running its teardown (SIGKILL, OOM kill,
// a hard crash). A tiny shell process, in its own process group, reads what we register on a pipe; when the
// pipe closes (which the kernel does when we die, however we die) it SIGKILLs every process group and removes
// every directory still registered. Normal teardown unregisters first, so the reaper then has nothing to do.
import { spawn, type ChildProcess } from 'node:child_process';

const script = `
groups=" "; dirs=" "
drop() { out=" "; for x in $1; do [ "$x" = "$2" ] || out="$out$x "; done; printf '%s' "$out"; }
while read -r verb arg; do
  case "$verb" in
    group) groups="$groups$arg " ;;
    ungroup) groups=$(drop "$groups" "$arg") ;;
    dir) dirs="$dirs$arg " ;;
    undir) dirs=$(drop "$dirs" "$arg") ;;
  esac
done
# env: the external kill, since dash's builtin cannot signal a process group by a negative pid
for g in $groups; do env kill -s KILL -- "-$g" 2>/dev/null; done
for d in $dirs; do rm -rf -- "$d"; done
`;

let reaper: ChildProcess | undefined;

function send(line: string): void {
  if (!reaper) {
    reaper = spawn('sh', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    reaper.on('error', () => undefined);
    reaper.stdin?.on('error', () => undefined);
    reaper.unref();
    (reaper.stdin as unknown as { unref?: () => void }).unref?.();
  }
  reaper.stdin?.write(`${line}\n`);
}

function checkWord(value: string): string {
  if (/\s/.test(value)) throw new Error(`reaper cannot track a path with white space: ${JSON.stringify(value)}`);
  return value;
}

export const reaperRegistry = {
  trackGroup: (pgid: number) => send(`group ${pgid}`),
  forgetGroup: (pgid: number) => send(`ungroup ${pgid}`),
  trackDir: (dir: string) => send(`dir ${checkWord(dir)}`),
  forgetDir: (dir: string) => send(`undir ${checkWord(dir)}`),
};
