import { useEffect, useState } from 'preact/hooks';
import { api, Page, query } from '../../api';

export interface Paged<T> {
  items: T[] | null;
  more: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
}

/** A keyset-paged list ({items, nextCursor}) read a page at a time; starts over when `reload` changes. */
export function usePaged<T>(path: string, limit: number, reload: number): Paged<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (from: string | null, previous: T[]) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page<T>>('GET', `${path}${query({ limit, cursor: from })}`);
      setItems([...previous, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null, []);
  }, [path, reload]);

  return { items, more: cursor !== null, loading, error, loadMore: () => void load(cursor, items ?? []) };
}
