/** The result of the last action on a screen: success as a status, failure as an alert. */
export type Outcome = { ok: true; text: string } | { ok: false; text: string } | null;

export function StatusLine({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div role="status" className="status-line" />;
  return outcome.ok ? (
    <div role="status" className="status-line success">
      {outcome.text}
    </div>
  ) : (
    <div role="alert" className="status-line error">
      {outcome.text}
    </div>
  );
}
