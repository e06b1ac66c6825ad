// Browser mode's per-launch token arrives in the address the server prints
// (?token=...). It is moved out of the URL as soon as the page loads, into
// this tab's session storage: left there, it would sit in the address bar,
// in the browser's history and in anything that copies the URL.

const KEY = 'candor-token';

export function takeToken(location: Pick<Location, 'href'>, history: Pick<History, 'replaceState' | 'state'>, storage: Pick<Storage, 'getItem' | 'setItem'>): string {
  const url = new URL(location.href);
  const fromQuery = url.searchParams.get('token');
  if (!fromQuery) return storage.getItem(KEY) ?? '';
  storage.setItem(KEY, fromQuery);
  url.searchParams.delete('token');
  // The same entry without the token: nothing is added to the history, the hash route is kept.
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return fromQuery;
}
