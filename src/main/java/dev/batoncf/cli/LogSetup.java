package dev.batoncf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes all logging (ours, third-party SLF4J, and java.util.logging through the bridge) to the
 * command's stderr, as console lines or JSON lines, through one appender that scrubs secrets from
 * every event: the configured secret values, and any credential header or bearer value in whatever
 * shape a library prints it. HTTP/2 frame loggers, which dump every header including {@code
 * authorization}, are kept at info even at trace.
 */
public final class LogSetup {
  static final String APPENDER = "stderr";

  /**
   * Wire dumps of gRPC/Netty/OkHttp: request metadata in clear text (the bearer token), and nothing
   * a user needs to debug a connector. Never below info.
   */
  static final List<String> FRAME_LOGGERS =
      List.of(
          "io.grpc.netty.shaded.io.grpc.netty",
          "io.grpc.netty.NettyServerHandler",
          "io.grpc.netty.NettyClientHandler",
          "io.grpc.netty.shaded.io.netty.handler.codec.http2",
          "io.netty.handler.codec.http2",
          "io.grpc.netty.shaded.io.netty.handler.logging",
          "io.netty.handler.logging",
          "okhttp3.internal.http2",
          "okhttp3.logging");

  private static final String SQLITE = "org.sqlite";
  private static final List<String> NOISY = List.of("io.grpc", "io.netty", "okhttp3", SQLITE);

  private LogSetup() {}

  public static void configure(String level, String format, PrintWriter err, List<String> secrets) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level == null ? "info" : level, Level.INFO));
    // Third-party chatter stays quiet unless tracing.
    Level libs =
        root.getLevel().equals(Level.TRACE)
            ? Level.TRACE
            : root.getLevel().isGreaterOrEqual(Level.WARN) ? root.getLevel() : Level.WARN;
    for (String noisy : NOISY) {
      ctx.getLogger(noisy).setLevel(libs);
    }
    // SQLite's loader reports each fallback it tries as an error; our own error line says what
    // failed, so below debug it stays silent.
    if (root.getLevel().isGreaterOrEqual(Level.INFO)) {
      ctx.getLogger(SQLITE).setLevel(Level.OFF);
    }
    Level frameLevel = libs.isGreaterOrEqual(Level.INFO) ? libs : Level.INFO;
    for (String frames : FRAME_LOGGERS) {
      ctx.getLogger(frames).setLevel(frameLevel);
    }
    bridgeJul(ctx);
    WriterAppender appender =
        new WriterAppender(
            err,
            "json".equalsIgnoreCase(format),
            secrets,
            !root.getLevel().isGreaterOrEqual(Level.INFO));
    appender.setName(APPENDER);
    appender.setContext(ctx);
    appender.start();
    root.addAppender(appender);
  }

  /**
   * Scrubs {@code secret} from every later log event too: for secrets that become known after
   * logging is set up (a server's bearer token, a token obtained at run time).
   */
  public static void redact(String secret) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Appender<ILoggingEvent> a = ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
    if (a instanceof WriterAppender w) {
      w.addSecret(secret);
    }
  }

  /**
   * java.util.logging into SLF4J, with logback's levels copied to JUL so that disabled levels cost
   * nothing and JUL's own console handler (unscrubbed) is gone.
   */
  private static void bridgeJul(LoggerContext ctx) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(ctx);
    propagator.setResetJUL(true);
    propagator.start();
    ctx.addListener(propagator);
    // The propagator copies levels set from now on; copy the ones already set.
    for (Logger l : ctx.getLoggerList()) {
      if (l.getLevel() != null) {
        propagator.onLevelChange(l, l.getLevel());
      }
    }
  }

  static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private static final int MIN_SECRET = 4;

    /** A credential header as libraries print it: "authorization: Bearer x", "x-auth-key=x". */
    private static final Pattern HEADER =
        Pattern.compile(
            "(?i)\\b(authorization|proxy-authorization|x-auth-key|x-auth-user-service-key|"
                + "cookie|set-cookie)(\"?\\s*[:=]\\s*\"?)[^,;\\]\\}\\r\\n\"]*");

    /** A bearer credential anywhere: "Bearer " and a token-shaped word (not "bearer token"). */
    private static final Pattern BEARER =
        Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{12,}");

    private final PrintWriter out;
    private final boolean json;
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Exception class names only at debug and trace: below that a user sees messages. */
    private final boolean detail;

    WriterAppender(PrintWriter out, boolean json, List<String> secrets) {
      this(out, json, secrets, false);
    }

    WriterAppender(PrintWriter out, boolean json, List<String> secrets, boolean detail) {
      this.out = out;
      this.json = json;
      this.detail = detail;
      secrets.forEach(this::addSecret);
    }

    void addSecret(String secret) {
      if (secret != null && secret.length() >= MIN_SECRET && !secrets.contains(secret)) {
        secrets.add(secret);
      }
    }

    @Override
    protected void append(ILoggingEvent e) {
      String msg = scrub(e.getFormattedMessage());
      IThrowableProxy t = e.getThrowableProxy();
      String line;
      if (json) {
        JsonObject o = new JsonObject();
        o.addProperty("ts", Instant.ofEpochMilli(e.getTimeStamp()).toString());
        o.addProperty("level", e.getLevel().toString().toLowerCase(Locale.ROOT));
        o.addProperty("logger", e.getLoggerName());
        o.addProperty("msg", msg);
        if (t != null) {
          o.addProperty("error", scrub(cause(t)));
        }
        line = o.toString();
      } else {
        // console lines may quote Cloudflare text: escaped like all console output
        line =
            e.getLevel().toString().toLowerCase(Locale.ROOT)
                + ": "
                + ConsoleText.escape(msg + (t != null ? " (" + scrub(cause(t)) + ")" : ""));
      }
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    }

    private String cause(IThrowableProxy t) {
      String msg = t.getMessage() == null ? "" : t.getMessage();
      if (detail || msg.isBlank()) {
        return t.getClassName() + (msg.isBlank() ? "" : ": " + msg);
      }
      return msg;
    }

    String scrub(String s) {
      if (s == null) {
        return null;
      }
      for (String secret : secrets) {
        s = s.replace(secret, "****");
      }
      s =
          HEADER
              .matcher(s)
              .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2)) + "****");
      return BEARER.matcher(s).replaceAll("$1 ****");
    }
  }
}
