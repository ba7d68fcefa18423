package dev.batoncf.action;

import dev.batoncf.cloudflare.Names;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pure validation of the typed action arguments. Each method returns the value to send (possibly
 * normalised) or throws an {@link ActionArgumentException} naming the argument. Nothing here
 * resolves names or opens connections: IP addresses are parsed by hand, not by InetAddress, which
 * may fall back to a DNS lookup on malformed input.
 */
final class Inputs {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final int MAX_URL = 2048;

  private Inputs() {}

  /**
   * An IP address and which of Cloudflare's query parameters ({@code ipv4}/{@code ipv6}) it needs.
   */
  record Ip(String text, boolean v6) {}

  static Ip ip(String arg, String value) {
    if (IPV4.matcher(value).matches()) {
      return new Ip(value, false);
    }
    if (isIpv6(value)) {
      return new Ip(value, true);
    }
    throw new ActionArgumentException(
        arg,
        "'"
            + ActionArgs.printable(value)
            + "' is not an IPv4 or IPv6 address (like 203.0.113.7 or 2001:db8::1)");
  }

  /**
   * RFC 4291 text form: eight groups of 1–4 hex digits, at most one "::" standing for one or more
   * zero groups, optionally ending in an IPv4 dotted quad that counts as two groups. No zone id, no
   * brackets.
   */
  static boolean isIpv6(String s) {
    if (s.length() < 2 || s.length() > 45 || !s.contains(":")) {
      return false;
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    String head = gap >= 0 ? s.substring(0, gap) : s;
    String tail = gap >= 0 ? s.substring(gap + 2) : "";
    int groups = countGroups(head, gap < 0); // a v4 tail only ends the whole address
    int tailGroups = gap >= 0 ? countGroups(tail, true) : 0;
    if (groups < 0 || tailGroups < 0) {
      return false;
    }
    int total = groups + tailGroups;
    return gap >= 0 ? total <= 7 : total == 8;
  }

  /** Groups in a ':'-separated run ("" = 0), or -1 if malformed; a v4 tail only if allowed. */
  private static int countGroups(String run, boolean mayEndInV4) {
    if (run.isEmpty()) {
      return 0;
    }
    String[] parts = run.split(":", -1);
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (HEX_GROUP.matcher(p).matches()) {
        n++;
      } else if (i == parts.length - 1 && mayEndInV4 && IPV4.matcher(p).matches()) {
        n += 2;
      } else {
        return -1;
      }
    }
    return n;
  }

  /** A domain name, internationalised names converted to their ASCII form; lower-cased. */
  static String domain(String arg, String value) {
    if (value.contains("/") || value.contains(":") || value.contains("@")) {
      throw new ActionArgumentException(
          arg, "give a bare domain name like example.com, not a URL or address");
    }
    if (IPV4.matcher(value).matches()) {
      throw new ActionArgumentException(arg, "is an IP address; use get_ip_overview for those");
    }
    try {
      return Names.domain(value);
    } catch (Names.Invalid e) {
      throw refused(arg, e);
    }
  }

  /** An email address as {@link Names#email} accepts it (invitations check the same way). */
  static String email(String arg, String value) {
    try {
      return Names.email(value);
    } catch (Names.Invalid e) {
      throw refused(arg, e);
    }
  }

  private static ActionArgumentException refused(String arg, Names.Invalid e) {
    return new ActionArgumentException(
        arg,
        e.subject() == null
            ? e.reason()
            : "'" + ActionArgs.printable(e.subject()) + "' " + e.reason());
  }

  /** A Cloudflare UUID (integration id), lower-cased. */
  static String uuid(String arg, String value) {
    if (!UUID.matcher(value).matches()) {
      throw new ActionArgumentException(
          arg,
          "'"
              + ActionArgs.printable(value)
              + "' is not a UUID like 0b6c2f7e-4d1a-4e39-8a55-2c6f0e9d1a77");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** A client-chosen reference id; it becomes a path segment, so its alphabet is narrow. */
  static String referenceId(String arg, String value) {
    if (!REFERENCE_ID.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw new ActionArgumentException(
          arg, "must be 1–128 letters, digits, '.', '_', ':' or '-' (an IdP id is a UUID)");
    }
    return value;
  }

  /** An https URL with a host and no user-info or fragment (the identity provider tenant). */
  static String httpsUrl(String arg, String value) {
    if (value.length() > MAX_URL || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw new ActionArgumentException(
          arg, "must be a URL without spaces or control characters, at most 2048 characters");
    }
    URI url;
    try {
      url = new URI(value);
    } catch (URISyntaxException e) {
      url = null;
    }
    if (url == null || url.getScheme() == null || url.getHost() == null) {
      throw new ActionArgumentException(
          arg, "is not a valid URL; use the form https://tenant.okta.com");
    }
    if (!url.getScheme().equalsIgnoreCase("https")) {
      throw new ActionArgumentException(arg, "must use https");
    }
    if (url.getRawUserInfo() != null) {
      throw new ActionArgumentException(arg, "must not contain user:password@");
    }
    if (url.getRawFragment() != null) {
      throw new ActionArgumentException(arg, "must not contain a #fragment");
    }
    return value;
  }
}
