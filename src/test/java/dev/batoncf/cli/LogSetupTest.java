package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The one appender every log event passes: it scrubs known secrets and credential headers in the
 * shapes libraries print them, java.util.logging reaches it too, and HTTP/2 frame loggers stay
 * quiet even at trace.
 */
class LogSetupTest {
  private static final String TOKEN = "Zx9-cloudflare-token-0123456789abcdef";

  @AfterEach
  void restoreQuietLogging() {
    LogSetup.configure("warn", "console", new PrintWriter(new StringWriter(), true), List.of());
  }

  @Test
  void credentialHeadersAreScrubbedInEveryShape() {
    LogSetup.WriterAppender a =
        new LogSetup.WriterAppender(new PrintWriter(new StringWriter()), false, List.of(TOKEN));
    assertEquals(
        "headers=Http2Headers[:path: /x, authorization: ****, te: trailers]",
        a.scrub(
            "headers=Http2Headers[:path: /x, authorization: Bearer abcdefghijklmnop1234, "
                + "te: trailers]"));
    assertEquals("    Authorization: ****", a.scrub("    Authorization: Bearer qwertyuiopasdfgh"));
    assertEquals("{\"X-Auth-Key\":\"****\"}", a.scrub("{\"X-Auth-Key\":\"0123456789abcdef\"}"));
    assertEquals("x-auth-key=****; next", a.scrub("x-auth-key=0123456789abcdef; next"));
    assertEquals(
        "sent Bearer **** to the host",
        a.scrub("sent Bearer eyJhbGciOiJIUzI1NiJ9.e30.x " + "to the host"));
    assertEquals("token **** in a message", a.scrub("token " + TOKEN + " in a message"));
    // Ordinary words stay readable.
    assertEquals(
        "invalid bearer token; the bearer token crosses the network",
        a.scrub("invalid bearer token; the bearer token crosses the network"));
  }

  @Test
  void secretsLearnedLaterAreScrubbedToo() {
    StringWriter err = new StringWriter();
    LogSetup.configure("info", "json", new PrintWriter(err, true), List.of());
    LogSetup.redact("late-server-token-0123456789");
    LoggerFactory.getLogger("dev.batoncf.test").info("value late-server-token-0123456789 here");
    assertTrue(err.toString().contains("\"msg\":\"value **** here\""), err.toString());
    assertFalse(err.toString().contains("late-server-token"), err.toString());
  }

  @Test
  void javaUtilLoggingGoesThroughTheSameScrubbingAppender() {
    StringWriter err = new StringWriter();
    LogSetup.configure("trace", "console", new PrintWriter(err, true), List.of(TOKEN));
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("okhttp3.OkHttpClient");
    jul.warning("header Authorization: Bearer " + TOKEN);
    jul.fine("fine detail with " + TOKEN);
    assertEquals(
        List.of("warn: header Authorization: ****", "debug: fine detail with ****"),
        err.toString().lines().toList());
  }

  @Test
  void frameLoggersStayAtInfoEvenAtTrace() {
    StringWriter err = new StringWriter();
    LogSetup.configure("trace", "console", new PrintWriter(err, true), List.of());
    LoggerFactory.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler")
        .debug("INBOUND HEADERS: streamId=3 headers=[authorization: Bearer 0123456789abcdef]");
    java.util.logging.Logger.getLogger("okhttp3.internal.http2.Http2").fine("<< HEADERS");
    LoggerFactory.getLogger("io.grpc.netty.shaded.io.netty.buffer.PooledByteBufAllocator")
        .trace("other library tracing stays");
    assertEquals(List.of("trace: other library tracing stays"), err.toString().lines().toList());
  }
}
