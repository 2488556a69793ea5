/** Previous / next page buttons with the position spoken as text. */
export function Pager(props: { page: number; pages: number; onPage: (page: number) => void; label: string }) {
  const { page, pages, onPage } = props;
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous page
      </button>
      <span aria-live="polite">
        Page {page} of {Math.max(pages, 1)}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next page
      </button>
    </nav>
  );
}
