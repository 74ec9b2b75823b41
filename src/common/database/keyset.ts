import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The list's own scope (column name -> value, null meaning IS NULL), applied to the cursor row too: a cursor naming a
 * row outside the list (another coop's id) then reads exactly like an unknown cursor, and cannot tell that the row
 * exists or where it sorts. Column names come from code, never from a request.
 */
export type CursorScope = Record<string, string | null>;

export type KeysetOrder = 'asc' | 'desc';

/**
 * Keyset paging in (created_at, id) order, oldest first unless `order` is 'desc'; the cursor is the id of the last row
 * of the previous page. The cursor row is found by its primary key, so the scope adds no scan.
 */
export function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  table: string,
  cursor: string | undefined,
  limit: number,
  scope: CursorScope = {},
  order: KeysetOrder = 'asc',
): SelectQueryBuilder<T> {
  const alias = qb.alias;
  if (cursor) {
    const params: Record<string, string> = { cursor };
    const conditions = ['c.id = :cursor'];
    Object.entries(scope).forEach(([column, value], i) => {
      if (value === null) {
        conditions.push(`c.${column} IS NULL`);
      } else {
        conditions.push(`c.${column} = :cursorScope${i}`);
        params[`cursorScope${i}`] = value;
      }
    });
    qb.andWhere(
      `(${alias}.created_at, ${alias}.id) ${order === 'asc' ? '>' : '<'} (SELECT c.created_at, c.id FROM ${table} c WHERE ${conditions.join(' AND ')})`,
      params,
    );
  }
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  return qb
    .orderBy(`${alias}.created_at`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(limit + 1);
}
