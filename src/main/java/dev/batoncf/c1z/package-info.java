/**
 * Baton's c1z v1 sync file: {@code "C1ZF\0"} followed by one zstd stream of a SQLite database with
 * the {@code v1_*} tables (see {@code shared/docs/baton-protocol.md} §2).
 *
 * <ul>
 *   <li>{@link dev.batoncf.c1z.C1zWriter} streams one full sync into a new file and replaces the
 *       target atomically on {@code finish()}; closing without finishing leaves it untouched.
 *   <li>{@link dev.batoncf.c1z.C1zReader} opens a file (ours or Baton's) on a sync and streams its
 *       objects back, hydrating Baton's slim grant rows.
 *   <li>{@link dev.batoncf.c1z.Ksuid} makes the 27-character sync ids.
 * </ul>
 *
 * Only v1 (SQLite) is written and read; v3 ({@code "C1Z3\0"}, Pebble) is rejected with a clear
 * error.
 */
package dev.batoncf.c1z;
