package dev.batoncf.server;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks page tokens: {@code base64url(json) "." base64url(mac)}, the MAC an HMAC-SHA256
 * (first 16 bytes) under a key drawn when the process starts. Opaque to hosts, self-contained,
 * bound to one listing and one snapshot generation, and tamper-evident: an edited offset, listing
 * or generation fails the MAC and is INVALID_ARGUMENT. A token of an earlier process (the JSON
 * names the process) is ABORTED: its snapshot is gone with it.
 */
final class PageTokens {
  static final int VERSION = 2;

  /** Far above any token we issue; Baton's own limit is 1 MiB. */
  static final int MAX_LENGTH = 4096;

  static final String NOT_OURS = "page token is not one this server issued";

  private static final String HMAC = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final Gson GSON = new Gson();
  private static final Pattern PROCESS = Pattern.compile("[0-9a-f]{16}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final String process;
  private final SecretKeySpec key;

  /** The JSON shape; short names keep tokens small. */
  private record Wire(int v, String p, String l, long o, long s, String k, long g) {}

  PageTokens(SecureRandom random) {
    byte[] id = new byte[8];
    random.nextBytes(id);
    this.process = HexFormat.of().formatHex(id);
    byte[] k = new byte[32];
    random.nextBytes(k);
    this.key = new SecretKeySpec(k, HMAC);
  }

  String encode(PageToken t) {
    byte[] json =
        GSON.toJson(
                new Wire(
                    VERSION,
                    process,
                    t.listing(),
                    t.cursor(),
                    t.steps(),
                    t.snapshot(),
                    t.generation()))
            .getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(json) + "." + B64.encodeToString(mac(json));
  }

  /**
   * The token of a request, or null for the first page.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when it is not one of ours, was altered
   *     or belongs to another listing; ABORTED when an earlier run of this server issued it
   */
  PageToken decode(String token, String expectedListing) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    if (token.length() > MAX_LENGTH) {
      throw invalid(
          "page token is too long ("
              + token.length()
              + " characters; ours are under "
              + MAX_LENGTH
              + ")");
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      throw invalid(NOT_OURS);
    }
    byte[] json;
    byte[] mac;
    Wire w;
    try {
      json = Base64.getUrlDecoder().decode(token.substring(0, dot));
      mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      w = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Wire.class);
    } catch (IllegalArgumentException | JsonParseException e) {
      throw invalid(NOT_OURS);
    }
    if (w == null
        || w.v() != VERSION
        || w.p() == null
        || !PROCESS.matcher(w.p()).matches()
        || w.l() == null) {
      throw invalid(NOT_OURS);
    }
    if (!w.p().equals(process)) {
      // Cannot be verified: the key died with that process, and so did its snapshots.
      throw SnapshotCache.gone(
          "the page token was issued by an earlier run of this server, "
              + "whose snapshots are gone");
    }
    if (!MessageDigest.isEqual(mac, mac(json))) {
      throw invalid("page token was altered or is not one this server issued");
    }
    if (!w.l().equals(expectedListing)) {
      throw invalid("page token belongs to another listing");
    }
    return new PageToken(w.l(), w.o(), w.s(), w.k(), w.g());
  }

  private byte[] mac(byte[] data) {
    try {
      Mac m = Mac.getInstance(HMAC);
      m.init(key);
      return Arrays.copyOf(m.doFinal(data), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + HMAC, e);
    }
  }

  private static RuntimeException invalid(String why) {
    return Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException();
  }
}
