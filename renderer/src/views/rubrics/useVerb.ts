// One API call per change of its request, with the latest answer winning.
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import type { Request, Result, Verb } from '../../../../shared/api/contract.ts';
import { describeError } from '../../lib/errors.ts';

export interface VerbState<V extends Verb> {
  value: Result<V> | null;
  error: string | null;
  loading: boolean;
}

/** request null: nothing to ask yet. `key` names what the request depends on (JSON of it by default). */
export function useVerb<V extends Verb>(verb: V, request: Request<V> | null, refresh = 0): VerbState<V> {
  const key = request === null ? null : JSON.stringify(request);
  const [state, setState] = useState<VerbState<V>>({ value: null, error: null, loading: request !== null });
  useEffect(() => {
    if (key === null) {
      setState({ value: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call(verb, JSON.parse(key) as Request<V>).then(
      (value) => live && setState({ value: value as Result<V>, error: null, loading: false }),
      (error: unknown) => live && setState({ value: null, error: describeError(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [verb, key, refresh]);
  return state;
}
