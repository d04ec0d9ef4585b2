/**
 * A stand-in for a repository whose every method calls the repository `resolve` returns at call time (so a
 * reconnect swaps the connection underneath) and passes any failure through `translate` (so a damaged or
 * full store answers storage_unavailable rather than a driver error). Every method of a repository in the
 * storage port returns a promise, which is what makes this one generic wrapper enough.
 */
export function guardedRepository<T extends object>(resolve: () => T, translate: (error: unknown) => unknown): T {
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({} as T, {
    get(_target, name) {
      // Not a thenable, and nothing but named methods: `await repo` or inspection must not call through.
      if (typeof name !== 'string' || name === 'then') return undefined;
      let method = methods.get(name);
      if (!method) {
        method = async function guarded(...args: unknown[]) {
          try {
            const repository = resolve() as Record<string, (...a: unknown[]) => Promise<unknown>>;
            return await repository[name]!(...args);
          } catch (error) {
            throw translate(error);
          }
        };
        methods.set(name, method);
      }
      return method;
    },
  });
}
