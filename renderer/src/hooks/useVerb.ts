// The one way a view fetches what it shows: one API call per change of its
// request (or of `refresh`), cancelled when the request changes or the view
// goes away, so the latest answer always wins and none lands after unmount.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import type { Request, Result, Verb } from '../../../shared/api/contract.ts';
import { describeError } from '../lib/errors.ts';

export interface VerbState<V extends Verb> {
  value: Result<V> | null;
  error: string | null;
  loading: boolean;
  /** Replaces the value shown (a write answered with the new one), until the next fetch. */
  set: (value: Result<V>) => void;
}

export interface VerbOptions {
  /**
   * Keep showing the previous request's answer while another request loads
   * (the item view keeps the last item up, dimmed). By default a new request
   * shows nothing until it answers; a refresh of the same request always keeps it.
   */
  keepPrevious?: boolean;
}

interface Held<V extends Verb> {
  key: string | null;
  value: Result<V> | null;
  error: string | null;
  loading: boolean;
}

/** request null: nothing to ask yet. */
export function useVerb<V extends Verb>(verb: V, request: Request<V> | null, refresh = 0, options: VerbOptions = {}): VerbState<V> {
  const key = request === null ? null : JSON.stringify(request);
  const [held, setHeld] = useState<Held<V>>({ key, value: null, error: null, loading: request !== null });
  useEffect(() => {
    if (key === null) {
      setHeld({ key, value: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setHeld((h) => ({ ...h, loading: true }));
    call(verb, JSON.parse(key) as Request<V>, { signal: controller.signal }).then(
      (value) => !controller.signal.aborted && setHeld({ key, value: value as Result<V>, error: null, loading: false }),
      (error: unknown) => !controller.signal.aborted && setHeld({ key, value: null, error: describeError(error), loading: false }),
    );
    return () => controller.abort();
  }, [verb, key, refresh]);
  const set = useCallback((value: Result<V>) => setHeld((h) => ({ ...h, value, error: null })), []);
  const current = held.key === key || options.keepPrevious === true;
  return {
    value: current ? held.value : null,
    error: current ? held.error : null,
    loading: held.key !== key || held.loading,
    set,
  };
}
