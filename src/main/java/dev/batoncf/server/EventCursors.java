package dev.batoncf.server;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks ListEvents cursors: {@code base64url(json) "." base64url(mac)}, as page tokens
 * are ({@link PageTokens}), but a host keeps an event cursor across our restarts, so the
 * HMAC-SHA256 key is not drawn per process: it is derived from the Cloudflare credential and the
 * account (never stored, never shown). An edited cursor, one of another credential or account, or
 * one of another feed is INVALID_ARGUMENT.
 */
final class EventCursors {
  static final int VERSION = 1;

  /** Baton's limit for ListEventsRequest.cursor. */
  static final int MAX_LENGTH = 4096;

  private static final String HMAC = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final Gson GSON = new Gson();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;

  /**
   * Where a feed is: reading the window [{@code since}, {@code before}) at Cloudflare cursor {@code
   * upstream} (null: the window's first page; {@code before} null: no window open), and the ids of
   * events already sent that a new window's overlap will see again.
   */
  record State(String feed, Instant since, Instant before, String upstream, List<String> seen) {}

  private record Wire(int v, String f, String s, String b, String c, List<String> d) {}

  /**
   * @param secret the credential's secret; @param accountId the account the feed reads
   */
  EventCursors(String secret, String accountId) {
    try {
      Mac m = Mac.getInstance(HMAC);
      m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      byte[] derived =
          m.doFinal(
              ("baton-cloudflare/event-cursor/v1:" + accountId).getBytes(StandardCharsets.UTF_8));
      this.key = new SecretKeySpec(derived, HMAC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + HMAC, e);
    }
  }

  String encode(State s) {
    byte[] json =
        GSON.toJson(
                new Wire(
                    VERSION,
                    s.feed(),
                    s.since().toString(),
                    s.before() == null ? null : s.before().toString(),
                    s.upstream(),
                    s.seen()))
            .getBytes(StandardCharsets.UTF_8);
    String out = B64.encodeToString(json) + "." + B64.encodeToString(mac(json));
    if (out.length() > MAX_LENGTH) {
      throw new IllegalStateException("event cursor over " + MAX_LENGTH + " characters");
    }
    return out;
  }

  /**
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a cursor we did not issue
   */
  State decode(String cursor, String feed) {
    if (cursor.length() > MAX_LENGTH) {
      throw invalid(
          "cursor is too long (" + cursor.length() + " characters; at most " + MAX_LENGTH + ")");
    }
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
      throw invalid("cursor is not one this connector issued");
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
      byte[] mac = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
      if (!MessageDigest.isEqual(mac, mac(json))) {
        throw invalid("cursor was altered, or issued for another credential or account");
      }
      Wire w = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Wire.class);
      if (w == null || w.v() != VERSION || w.s() == null) {
        throw invalid("cursor is not one this connector issued");
      }
      if (!feed.equals(w.f())) {
        throw invalid("cursor belongs to another event feed");
      }
      return new State(
          w.f(),
          Instant.parse(w.s()),
          w.b() == null ? null : Instant.parse(w.b()),
          w.c(),
          w.d() == null ? List.of() : List.copyOf(w.d()));
    } catch (IllegalArgumentException | JsonParseException | DateTimeParseException e) {
      throw invalid("cursor is not one this connector issued");
    }
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
