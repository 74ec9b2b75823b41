import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, Page } from '../api';

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
  /** There is a next page. */
  more: boolean;
  /** The first page has arrived (an empty list then means none). */
  loaded: boolean;
  loading: boolean;
  error: unknown;
  /** Reads the first page again (after a change, or with new filters). */
  reload: () => void;
  /** Appends the next page. */
  loadMore: () => void;
}

/** A paged list read for a query (filters, a search): `query` is the one the items shown were read for. */
export interface PagedQuery<T, Q> extends Paged<T> {
  /** The query of the items shown; null until a first page has arrived. */
  query: Q | null;
}

interface ListState<T, Q> {
  items: T[];
  nextCursor: string | null;
  query: Q | null;
  loaded: boolean;
  loading: boolean;
  error: unknown;
}

/**
 * A keyset-paged list of the API: `pathFor(cursor)` gives the GET path of a page. The first page is read when `key`
 * changes (the filters); an answer that arrives after a newer request is dropped.
 */
export function usePaged<T>(pathFor: (cursor: string | null) => string, key: string): Paged<T> {
  return usePagedQuery<T, null>((_query, cursor) => api<Page<T>>('GET', pathFor(cursor)), null, key);
}

/**
 * The same for a list read by any means (a POST search, say) for a query: `readPage(query, cursor)` reads a page.
 * The first page is read for the current `query` when `key` changes (or on reload); the next page for the query of
 * the items shown, so that editing a filter form does not change what "more" appends to. The latest answer wins.
 */
export function usePagedQuery<T, Q>(
  readPage: (query: Q, cursor: string | null) => Promise<Page<T>>,
  query: Q,
  key: string,
): PagedQuery<T, Q> {
  const [state, setState] = useState<ListState<T, Q>>({
    items: [],
    nextCursor: null,
    query: null,
    loaded: false,
    loading: false,
    error: null,
  });
  const generation = useRef(0);
  // The latest function and query, read when a request starts (not when the callback was made).
  const latest = useRef({ readPage, query });
  latest.current = { readPage, query };

  const read = useCallback(async (q: Q, cursor: string | null) => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await latest.current.readPage(q, cursor);
      if (mine !== generation.current) return;
      setState((s) => ({
        items: cursor ? [...s.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        query: q,
        loaded: true,
        loading: false,
        error: null,
      }));
    } catch (err) {
      if (mine === generation.current) setState((s) => ({ ...s, loading: false, error: err }));
    }
  }, []);

  useEffect(() => {
    void read(latest.current.query, null);
  }, [key, read]);

  return {
    ...state,
    more: state.nextCursor !== null,
    reload: () => void read(latest.current.query, null),
    loadMore: () => {
      if (state.nextCursor && state.loaded) void read(state.query as Q, state.nextCursor);
    },
  };
}
