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

/**
 * A keyset-paged list of the API: `pathFor(cursor)` gives the GET path of a page. The first page is read when `key`
 * changes (the filters); an answer that arrives after a newer request is dropped.
 */
export function usePaged<T>(pathFor: (cursor: string | null) => string, key: string): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const pathRef = useRef(pathFor);
  pathRef.current = pathFor;

  const read = useCallback(async (cursor: string | null) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page<T>>('GET', pathRef.current(cursor));
      if (mine !== generation.current) return;
      setItems((before) => (cursor ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      if (mine === generation.current) setError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void read(null);
  }, [key, read]);

  return {
    items,
    nextCursor,
    more: nextCursor !== null,
    loaded,
    loading,
    error,
    reload: () => void read(null),
    loadMore: () => {
      if (nextCursor) void read(nextCursor);
    },
  };
}
