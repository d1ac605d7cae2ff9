// The API-key path answers from memory on a warm cache and waits only for Redis or the database.
// Under Next every promise is tracked for async context and costs microseconds, so that path passes
// values along as they are and uses a promise only where something must actually be awaited.
export type MaybePromise<T> = T | Promise<T>;

/** `next(value)` now when `value` is ready, else when it resolves. A throw in `next` stays synchronous. */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
