import type { ComponentChildren } from 'preact';
import type { Paged } from './use-paged';

/** Under a paged list: what to show when it is empty, that a page is loading, and the "load more" button. */
export function PagedFooter<T>(props: { list: Paged<T>; none: ComponentChildren; loading: string; more: string }) {
  const { list } = props;
  return (
    <>
      {list.loaded && !list.loading && !list.error && list.items.length === 0 && props.none}
      {(list.loading || (!list.loaded && !list.error)) && (
        <p class="muted" role="status">
          {props.loading}
        </p>
      )}
      {list.more && (
        <button type="button" onClick={list.loadMore} disabled={list.loading}>
          {props.more}
        </button>
      )}
    </>
  );
}
