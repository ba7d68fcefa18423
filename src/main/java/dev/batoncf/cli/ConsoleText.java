package dev.batoncf.cli;

/**
 * Makes text from Cloudflare (names, messages) safe to print on a terminal: control characters (C0,
 * DEL, C1, so ESC sequences that could move the cursor, retitle the window or hide text) and the
 * invisible characters that reorder or break lines (bidi embeddings, overrides and isolates
 * U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C, and U+2028/U+2029) are shown as
 * escapes: {@code \n}, {@code \t}, {@code \r}, {@code \x1b}, {@code \u202e}. The one helper for
 * everything the CLI prints as console text; JSON output is left to JSON's own escaping, so it
 * stays exact.
 */
public final class ConsoleText {
  private ConsoleText() {}

  public static String escape(String s) {
    if (s == null) {
      return null;
    }
    int i = 0;
    while (i < s.length() && !unsafe(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s; // the common case: nothing to do, no copy
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!unsafe(c)) {
        b.append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c < 0x100) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  static boolean unsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c
        || c == 0x2028
        || c == 0x2029;
  }
}
