import { useEffect, useState } from 'preact/hooks';

// Hash routes (#/check, #/submissions, ...): the service serves one page at /console/, and nothing about a
// borrower ever goes into the address.
export function currentRoute(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0] || '';
}

export function navigate(route: string): void {
  location.hash = `#/${route}`;
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
