/*
 * The console's icon: a rounded green square with "K", small enough to live in the code (no file to copy into
 * dist/). Linked from the console's index.html as ./favicon.svg; /favicon.ico answers it too, for the browsers and
 * tools that ask there whatever a page links.
 */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="6" fill="#0f766e"/>' +
  '<path d="M10 7h4v7.5L20.5 7H25l-7.2 8.2L25.5 25H20.6l-5.5-7.2L14 19v6h-4z" fill="#fff"/>' +
  '</svg>\n';

export const FAVICON_PATHS = ['/favicon.ico', '/console/favicon.svg'];

/** A day: the icon changes with a release, seldom; a stale one for a day costs nothing. */
export const FAVICON_CACHE_CONTROL = 'public, max-age=86400';
