// The same lab in a terminal, for those who prefer their own editor: the commands and what they do.
export function ContinueLocally({ labId }: { labId: string }) {
  return (
    <section className="continue-locally" aria-label="Continue locally">
      <h3>Continue locally</h3>
      <p>In a checkout of archlab (Node 20, pnpm), copy the starter and grade it on your machine:</p>
      <pre>
        <code>{`pnpm lab init ${labId}     # copies the starter into ./${labId}\npnpm lab run ${labId}      # grades ./${labId} against local Redis`}</code>
      </pre>
      <p className="muted">The local grader runs the same checks; your machine starts its own Redis.</p>
    </section>
  );
}
