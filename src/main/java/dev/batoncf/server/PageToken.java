package dev.batoncf.server;

/**
 * What a page token says, once {@link PageTokens} has checked that this process issued it.
 *
 * @param listing what is being listed, e.g. {@code resources/user} or {@code grants/role:abc}
 * @param cursor where the next page starts: the last row's sequence number in the snapshot, or an
 *     offset for listings served without one
 * @param steps upstream pages the snapshot had read when the token was issued; it makes consecutive
 *     tokens differ even when a page added nothing to this listing
 * @param snapshot the snapshot's key ({@code sync:<id>} or {@code anon:<generation>}), or null for
 *     a listing that needs no snapshot
 * @param generation the snapshot's generation (0 with no snapshot)
 */
record PageToken(String listing, long cursor, long steps, String snapshot, long generation) {}
