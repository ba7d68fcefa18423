package dev.batoncf.server;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page token: base64url of a small JSON object. Opaque to hosts, but self-contained (Baton
 * checkpoints tokens and may replay them after a restart), and bound to its listing so a token
 * cannot be replayed against another one.
 *
 * @param listing  what is being listed, e.g. {@code resources/user} or {@code grants/role:abc}
 * @param offset   items of the listing the host already has
 * @param steps    upstream pages the snapshot had read when the token was issued; it makes
 *                 consecutive tokens differ even when a page added nothing to this listing
 * @param snapshot the anonymous snapshot key when the host sent no active_sync_id, else null
 */
record PageToken(String listing, long offset, long steps, String snapshot) {
  static final int VERSION = 1;
  /** Far above any token we issue; Baton's own limit is 1 MiB. */
  static final int MAX_LENGTH = 4096;
  private static final Gson GSON = new Gson();

  /** The JSON shape; short names keep tokens small. */
  private record Wire(int v, String l, long o, long s, String k) {}

  String encode() {
    String json = GSON.toJson(new Wire(VERSION, listing, offset, steps, snapshot));
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The token of a request, or null for the first page.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when it is not one of ours, or was
   *     issued for another listing
   */
  static PageToken decode(String token, String expectedListing) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    if (token.length() > MAX_LENGTH) {
      throw invalid("page token is too long");
    }
    Wire w;
    try {
      byte[] json = Base64.getUrlDecoder().decode(token);
      w = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Wire.class);
    } catch (IllegalArgumentException | JsonParseException e) {
      throw invalid("page token is not one this server issued");
    }
    if (w == null || w.v() != VERSION || w.l() == null || w.o() < 0 || w.s() < 0) {
      throw invalid("page token is not one this server issued");
    }
    if (!w.l().equals(expectedListing)) {
      throw invalid("page token belongs to another listing");
    }
    if (w.k() != null && !SnapshotCache.isAnonymousKey(w.k())) {
      throw invalid("page token is not one this server issued");
    }
    return new PageToken(w.l(), w.o(), w.s(), w.k());
  }

  private static RuntimeException invalid(String why) {
    return Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException();
  }
}
