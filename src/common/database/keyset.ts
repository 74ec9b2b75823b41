import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Keyset paging in (created_at, id) order; the cursor is the id of the last row of the previous page. */
export function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  table: string,
  cursor: string | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  const alias = qb.alias;
  if (cursor) {
    qb.andWhere(
      `(${alias}.created_at, ${alias}.id) > (SELECT c.created_at, c.id FROM ${table} c WHERE c.id = :cursor)`,
      { cursor },
    );
  }
  return qb.orderBy(`${alias}.created_at`, 'ASC').addOrderBy(`${alias}.id`, 'ASC').limit(limit + 1);
}
