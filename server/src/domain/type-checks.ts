/**
 * Compile-time checks that keep declarations from drifting apart. Each gives `true` when
 * it holds, and otherwise an object naming what differs, which `Holds` refuses:
 * `type _ = Holds<MatchesContract<A, B>>` fails to compile, with the difference in the error.
 */

/** Compiles only when `T` is `true`. */
export type Holds<T extends true> = T;

/**
 * A validation schema takes what the HTTP contract says a client sends: `Schema` (a
 * schema's `z.input`) and `Contract` have the same keys, and each one's values fit the
 * other. Nested objects are checked by their own schemas.
 */
export type MatchesContract<Schema, Contract> =
  [Exclude<keyof Schema, keyof Contract>, Exclude<keyof Contract, keyof Schema>] extends [never, never]
    ? [Schema] extends [Contract]
      ? [Contract] extends [Schema]
        ? true
        : Differs<'a value the contract allows is refused by the schema'>
      : Differs<'the schema takes a value the contract does not allow'>
    : Differs<{ onlyInSchema: Exclude<keyof Schema, keyof Contract>; onlyInContract: Exclude<keyof Contract, keyof Schema> }>;

/** Every field of `Part` is a field of `Whole` of a type it may hold (a spread of `Part` into `Whole` adds nothing foreign). */
export type FieldsOf<Part, Whole> = [Exclude<keyof Part, keyof Whole>] extends [never]
  ? [Part] extends [Partial<Whole>]
    ? true
    : Differs<'a field has a type its namesake cannot hold'>
  : Differs<{ notIn: Exclude<keyof Part, keyof Whole> }>;

/** Not `true`: names what differs, in the compiler's error. */
interface Differs<Difference> {
  difference: Difference;
}
