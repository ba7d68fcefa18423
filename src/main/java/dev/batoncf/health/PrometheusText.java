package dev.batoncf.health;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4: a {@code # HELP} and {@code # TYPE} line per family,
 * then its samples, label values escaped ({@code \\}, {@code \"}, newline).
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final StringBuilder sb = new StringBuilder();

  /** Starts a family; {@code type} is counter or gauge. */
  public PrometheusText family(String name, String type, String help) {
    sb.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  public PrometheusText sample(String name, double value) {
    return sample(name, Map.of(), value);
  }

  /** One sample; labels in the map's iteration order. */
  public PrometheusText sample(String name, Map<String, String> labels, double value) {
    sb.append(name);
    if (!labels.isEmpty()) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
      }
      sb.append('}');
    }
    sb.append(' ').append(number(value)).append('\n');
    return this;
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
