// A small loader hook: runs `load` when its dependencies change, keeps the last result, and
// ignores answers that arrive after the screen moved on.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './problem.js';

export interface Resource<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
  /** Replace the data locally, e.g. with what a successful change answered. */
  setData: (update: T | ((current: T | undefined) => T)) => void;
}

export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loadRef
      .current()
      .then((value) => {
        if (!current) return;
        setDataState(() => value);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (current) setError(errorMessage(failure));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback((update: T | ((current: T | undefined) => T)) => {
    setDataState((current) =>
      typeof update === 'function' ? (update as (value: T | undefined) => T)(current) : update,
    );
  }, []);
  return { data, error, loading, reload, setData };
}
