/** A placeholder announced politely to screen readers while an answer is on its way. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}
