/**
 * Files the product writes and its private temp space: one checked-target helper ({@link
 * dev.batoncf.files.OutputFile}) that refuses anything but a regular file or an absent path,
 * follows symlinks deliberately, locks, and replaces the file whole with owner-only permissions;
 * temp directories named after their owner process ({@link dev.batoncf.files.TempDirs}) so that the
 * leftovers of a killed run are recognised and removed on the next start; and the shutdown hook
 * that removes a run's temp files on SIGTERM/SIGINT ({@link dev.batoncf.files.ExitHook}). Depends
 * on nothing else in the product.
 */
package dev.batoncf.files;
