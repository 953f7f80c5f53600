import mysql from 'mysql2/promise';
import pg from 'pg';

/**
 * Connections to the stack's source databases with the fixed names and
 * credentials of `scripts/stack env` (stackEnv()). The caller ends them.
 */

/** A connection to the MariaDB primary (the database both replicas copy), on `database` or the stack's own. */
export function mariadbPrimary(
  env: Record<string, string>,
  database = env.MARIADB_DATABASE,
): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: env.STACK_HOST,
    port: Number(env.MARIADB_PRIMARY_PORT),
    user: env.MARIADB_USER,
    password: env.MARIADB_PASSWORD,
    database,
  });
}

/** A connected client of the PostgreSQL that Debezium Server captures to JetStream. */
export async function postgresClient(env: Record<string, string>): Promise<pg.Client> {
  const client = new pg.Client({
    host: env.STACK_HOST,
    port: Number(env.PG_PORT),
    user: env.PG_USER,
    password: env.PG_PASSWORD,
    database: env.PG_DATABASE,
  });
  await client.connect();
  return client;
}
