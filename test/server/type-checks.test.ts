/**
 * The compile-time checks that tie the validation schemas to the HTTP contract and to
 * `Feedback` (server/src/domain/type-checks.ts). This file is checked when the tests are
 * built: each `@ts-expect-error` below fails the build if its check lets the drift through.
 */
import type { FieldsOf, Holds, MatchesContract } from '../../server/src/domain/type-checks.js';

type Contract = { status?: 'new' | 'closed'; reply?: string };

export type Checks = [
  Holds<MatchesContract<{ status?: 'new' | 'closed'; reply?: string }, Contract>>,
  // @ts-expect-error a field the schema takes that the contract does not name
  Holds<MatchesContract<{ status?: 'new' | 'closed'; reply?: string; note?: string }, Contract>>,
  // @ts-expect-error a field the contract names that the schema refuses
  Holds<MatchesContract<{ status?: 'new' | 'closed' }, Contract>>,
  // @ts-expect-error a value the contract does not allow
  Holds<MatchesContract<{ status?: string; reply?: string }, Contract>>,
  // @ts-expect-error a value the contract allows that the schema refuses
  Holds<MatchesContract<{ status?: 'new'; reply?: string }, Contract>>,

  Holds<FieldsOf<{ comment?: string | null }, { comment: string | null; rating: number | null }>>,
  // @ts-expect-error a field the item does not have
  Holds<FieldsOf<{ comment?: string; website?: string }, { comment: string | null }>>,
  // @ts-expect-error a value the item's field cannot hold
  Holds<FieldsOf<{ rating?: string }, { rating: number | null }>>,
];
