package dev.batoncf.provision;

import java.util.regex.Pattern;

/**
 * The shapes of Cloudflare ids, checked before any request so that garbage is refused as input
 * (INVALID_ARGUMENT, exit 2) instead of being looked up: account-level ids (users, members, roles)
 * are 32 hexadecimal characters, Zero Trust ids (Access users and groups) are UUIDs.
 */
final class IdFormats {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private IdFormats() {}

  /** A user, membership (invitation) or role id. */
  static String hex32(String what, String id) {
    if (id == null || !HEX32.matcher(id).matches()) {
      throw ProvisionException.invalid(
          "'" + shown(id) + "' is not " + what + " (32 hexadecimal characters)");
    }
    return id;
  }

  /** An Access user or Access group id. */
  static String uuid(String what, String id) {
    if (id == null || !UUID.matcher(id).matches()) {
      throw ProvisionException.invalid(
          "'"
              + shown(id)
              + "' is not "
              + what
              + " (a UUID like 1ddd2138-a5c7-34e2-97d3-52ae090b23e9)");
    }
    return id;
  }

  /** Ids end up in messages: long garbage is cut. */
  private static String shown(String id) {
    if (id == null) {
      return "";
    }
    return id.length() > 80 ? id.substring(0, 80) + "…" : id;
  }
}
