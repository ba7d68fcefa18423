package dev.batoncf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Routes all logging to the command's stderr, as console lines or JSON lines. As a last line of
 * defence it also scrubs the configured secret values from every message.
 */
public final class LogSetup {
  private LogSetup() {}

  public static void configure(String level, String format, PrintWriter err, List<String> secrets) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level == null ? "info" : level, Level.INFO));
    // Third-party chatter stays quiet unless tracing.
    Level libs = root.getLevel().isGreaterOrEqual(Level.DEBUG) && !root.getLevel().equals(Level.TRACE)
        ? Level.INFO : root.getLevel();
    for (String noisy : List.of("io.grpc", "io.netty", "okhttp3", "org.sqlite")) {
      ctx.getLogger(noisy).setLevel(libs.isGreaterOrEqual(Level.INFO) ? Level.WARN : libs);
    }
    WriterAppender appender = new WriterAppender(err, "json".equalsIgnoreCase(format), secrets);
    appender.setContext(ctx);
    appender.start();
    root.addAppender(appender);
  }

  static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private final PrintWriter out;
    private final boolean json;
    private final List<String> secrets;

    WriterAppender(PrintWriter out, boolean json, List<String> secrets) {
      this.out = out;
      this.json = json;
      this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
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
          o.addProperty("error", scrub(t.getClassName() + ": " + t.getMessage()));
        }
        line = o.toString();
      } else {
        line = e.getLevel().toString().toLowerCase(Locale.ROOT) + ": " + msg
            + (t != null ? " (" + scrub(t.getClassName() + ": " + t.getMessage()) + ")" : "");
      }
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    }

    private String scrub(String s) {
      if (s == null) {
        return null;
      }
      for (String secret : secrets) {
        s = s.replace(secret, "****");
      }
      return s;
    }
  }
}
