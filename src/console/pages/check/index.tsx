import type { PageProps } from '../registry';

// Placeholder: filled in by the page's own work.
export function CheckPage(_props: PageProps) {
  return <p>…</p>;
}
