package dev.batoncf.cloudflare;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses and domain names as Cloudflare accepts them, checked one way for every caller
 * (actions, invitations): the value to send (normalised) or an {@link Invalid} saying why not.
 */
public final class Names {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern EMAIL_LOCAL =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
  private static final int MAX_DOMAIN = 253;
  private static final int MAX_EMAIL = 254;
  static final String NOT_AN_EMAIL = "is not an email address like user@example.com";
  static final String NOT_A_DOMAIN = "is not a valid domain name";

  private Names() {}

  /**
   * Why a value was refused: {@code reason}, about {@code subject} (the text at fault, to be quoted
   * before the reason) or about the whole value when the subject is null.
   */
  public static final class Invalid extends IllegalArgumentException {
    private final transient String subject;
    private final String reason;

    Invalid(String subject, String reason) {
      super(subject == null ? reason : "'" + subject + "' " + reason);
      this.subject = subject;
      this.reason = reason;
    }

    public String subject() {
      return subject;
    }

    public String reason() {
      return reason;
    }
  }

  /** A domain name, internationalised names in their ASCII form, lower-cased, no final dot. */
  public static String domain(String value) {
    String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new Invalid(value, NOT_A_DOMAIN);
    }
    if (ascii.isEmpty() || ascii.length() > MAX_DOMAIN) {
      throw new Invalid(null, NOT_A_DOMAIN + " (1–253 characters)");
    }
    String[] labels = ascii.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new Invalid(value, NOT_A_DOMAIN);
      }
    }
    if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw new Invalid(null, "needs a name and a top-level domain, like example.com");
    }
    return ascii;
  }

  /** An email address: a dot-atom local part and a {@link #domain} (ASCII, lower-cased). */
  public static String email(String value) {
    int at = value.indexOf('@');
    if (value.length() > MAX_EMAIL || at <= 0 || at != value.lastIndexOf('@')) {
      throw new Invalid(value, NOT_AN_EMAIL);
    }
    String local = value.substring(0, at);
    if (!EMAIL_LOCAL.matcher(local).matches()
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")) {
      throw new Invalid(value, NOT_AN_EMAIL);
    }
    return local + "@" + domain(value.substring(at + 1));
  }
}
