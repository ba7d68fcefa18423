package dev.batoncf.review;

import static dev.batoncf.review.Html.esc;

import dev.batoncf.connector.ResourceTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The review as one self-contained HTML page: inline CSS and script (allowed by hash in the page's
 * Content-Security-Policy, nothing else may load), every value from the file escaped. The table is
 * complete without script; the script adds sorting, a text filter and "flagged only".
 */
public final class ReportHtml {
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");
  static final String CSP =
      "default-src 'none'; style-src '"
          + sha256(CSS)
          + "'; script-src '"
          + sha256(JS)
          + "'; img-src 'none'; base-uri 'none'; form-action 'none'";

  private final AccessReview review;
  private final Writer out;

  private ReportHtml(AccessReview review, Writer out) {
    this.review = review;
    this.out = out;
  }

  public static void write(AccessReview review, Writer out) throws IOException {
    new ReportHtml(review, out).page();
    out.flush();
  }

  private void page() throws IOException {
    w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Our own constant (no quote, '<' or '&' in it), written as is.
    w("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n");
    w("<meta name=\"referrer\" content=\"no-referrer\">\n");
    w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    w("<title>Cloudflare access review, " + esc(day(review.syncEndedAt())) + "</title>\n");
    w("<style>" + CSS + "</style>\n</head>\n<body>\n");
    header();
    summary();
    guide();
    table();
    w("<script>" + JS + "</script>\n</body>\n</html>\n");
  }

  private void header() throws IOException {
    ReviewRules r = review.rules();
    w("<header>\n<h1>Cloudflare access review</h1>\n");
    w(
        "<p class=\"meta\">Who has access to the Cloudflare account, as synced from <b>"
            + esc(review.source())
            + "</b> (sync <code>"
            + esc(review.syncId())
            + "</code>, ended "
            + esc(time(review.syncEndedAt()))
            + "). Ages are measured as of <b id=\"as-of\">"
            + esc(time(r.asOf()))
            + "</b>.</p>\n");
    w(
        "<p class=\"meta\">Thresholds: invitations pending for "
            + FlagCode.days(r.staleInvitationDays())
            + " or more, no login for "
            + FlagCode.days(r.dormantDays())
            + " or more, API tokens expiring within "
            + FlagCode.days(r.tokenExpiryDays())
            + ", Zero Trust risk level "
            + esc(r.minRiskLevel().wire())
            + (r.minRiskLevel() == ReviewRules.RiskLevel.HIGH ? "" : " or higher")
            + ". "
            + (review.earlierSyncs() == 0
                ? "No earlier sync was read, so pending invitations are "
                    + "dated from this sync only (Cloudflare does not say when they were sent)."
                : "Pending invitations are dated from the first of "
                    + (review.earlierSyncs() + 1)
                    + " syncs that listed them (Cloudflare does not say when they were sent).")
            + "</p>\n</header>\n");
  }

  private void summary() throws IOException {
    AccessReview.Summary s = review.summary();
    w("<section id=\"summary\">\n<h2>What needs attention</h2>\n");
    w(
        "<p>"
            + s.flaggedIdentities()
            + " of "
            + identities(s)
            + " identities are flagged. "
            + review.principals().size()
            + " people and other principals hold "
            + s.accessRows()
            + " roles, group memberships and other grants.</p>\n");
    w(
        "<table class=\"flags\">\n<thead><tr><th>Flagged</th><th>Finding</th><th>What it means"
            + "</th><th></th></tr></thead>\n<tbody>\n");
    for (Map.Entry<FlagCode, Integer> e : s.flags().entrySet()) {
      FlagCode c = e.getKey();
      int n = e.getValue();
      w(
          "<tr id=\"flag-"
              + c.code()
              + "\""
              + (n == 0 ? " class=\"zero\"" : "")
              + "><td class=\"n\">"
              + n
              + "</td><td>"
              + esc(c.title())
              + "</td><td>"
              + esc(c.explanation(review.rules()))
              + "</td><td>"
              + (n == 0
                  ? ""
                  : "<button type=\"button\" data-show-flag=\"" + c.code() + "\">Show</button>")
              + "</td></tr>\n");
    }
    w("</tbody>\n</table>\n");
    w(
        "<p>Identities: "
            + esc(
                s.identitiesByType().entrySet().stream()
                    .map(
                        e ->
                            e.getValue()
                                + " "
                                + lowerFirst(Wording.identityTypeName(e.getKey(), e.getKey()))
                                + (e.getValue() == 1 ? "" : "s"))
                    .collect(Collectors.joining(", ")))
            + ".</p>\n</section>\n");
  }

  /** "Account member" → "account member", but "API token" stays. */
  private static String lowerFirst(String s) {
    return s.length() > 1 && Character.isLowerCase(s.charAt(1))
        ? Character.toLowerCase(s.charAt(0)) + s.substring(1)
        : s;
  }

  private static int identities(AccessReview.Summary s) {
    return s.identitiesByType().values().stream().mapToInt(Integer::intValue).sum();
  }

  private void guide() throws IOException {
    w(
        "<section id=\"guide\">\n<h2>How to read the table</h2>\n<dl class=\"kinds\">\n"
            + "<dt>Account member</dt><dd>Someone who accepted an invitation to the Cloudflare "
            + "account and signs in to the Cloudflare dashboard. Their roles decide what they can "
            + "change.</dd>\n"
            + "<dt>Invitation</dt><dd>Someone invited to the account who has not accepted yet. The "
            + "roles listed apply once they accept.</dd>\n"
            + "<dt>Access user</dt><dd>Someone who signed in to applications protected by Cloudflare "
            + "Zero Trust Access. Access groups decide which applications they reach.</dd>\n"
            + "<dt>API token</dt><dd>A credential programs use to call the Cloudflare API, with the "
            + "permissions listed.</dd>\n"
            + "<dt>Access group</dt><dd>A group that is itself a member of another group: everyone in "
            + "it is a member of that group too (\"via Access group …\").</dd>\n</dl>\n"
            + "<p>A person who is both an account member and an Access user (same email) appears on "
            + "one row per identity, each saying \"same person as\" the other. \"Direct\" access is "
            + "given to the identity itself, \"via\" access comes through a group it belongs to.</p>\n"
            + "<noscript><p class=\"note\">Sorting and filtering need JavaScript; the table below is "
            + "complete without it.</p></noscript>\n</section>\n");
  }

  private void table() throws IOException {
    w(
        "<section id=\"review\">\n<h2>Who has what</h2>\n<div class=\"controls\">"
            + "<label>Filter <input id=\"filter\" type=\"search\" autocomplete=\"off\" "
            + "placeholder=\"name, email, role, group, finding…\"></label>"
            + "<label><input id=\"flagged-only\" type=\"checkbox\"> Flagged only</label>"
            + "<span id=\"count\" aria-live=\"polite\"></span></div>\n");
    w("<table id=\"people\">\n<thead><tr>");
    for (String[] col : COLUMNS) {
      w(
          "<th aria-sort=\"none\""
              + (col[1].isEmpty() ? "" : " data-type=\"" + col[1] + "\"")
              + "><button type=\"button\">"
              + col[0]
              + "</button></th>");
    }
    w("</tr></thead>\n<tbody>\n");
    int index = 0;
    for (Principal p : review.principals()) {
      for (Identity i : p.identities()) {
        row(p, i, index++);
      }
    }
    w("</tbody>\n</table>\n</section>\n");
  }

  private static final String[][] COLUMNS = {
    {"Person", ""},
    {"Identity", ""},
    {"Email", ""},
    {"Status", ""},
    {"2FA", ""},
    {"Last login / use", ""},
    {"Risk", "number"},
    {"Access", ""},
    {"Flags", "number"}
  };

  private void row(Principal p, Identity i, int index) throws IOException {
    boolean flagged = !i.flags().isEmpty();
    String codes = i.flags().stream().map(f -> f.code().code()).collect(Collectors.joining(" "));
    w(
        "<tr data-index=\""
            + index
            + "\" data-flagged=\""
            + (flagged ? "1" : "0")
            + "\""
            + (flagged ? " class=\"flagged\" data-codes=\"" + codes + "\"" : "")
            + ">");
    StringBuilder person = new StringBuilder(esc(p.name()));
    List<Identity> others = p.identities().stream().filter(x -> x != i).toList();
    if (!others.isEmpty()) {
      person
          .append("<div class=\"also\">same person as: ")
          .append(esc(others.stream().map(Identity::typeName).collect(Collectors.joining(", "))))
          .append("</div>");
    }
    cell(person.toString(), p.name().toLowerCase(java.util.Locale.ROOT) + "\u0000" + p.key());
    cell(esc(i.typeName()) + "<div class=\"id\">" + esc(i.id()) + "</div>" + facts(i, false), null);
    cell(esc(i.email()), null);
    cell(esc(i.status()), null);
    cell(i.twoFactor() == null ? "" : i.twoFactor() ? "on" : "<b>off</b>", null);
    lastActivity(i);
    ReviewRules.RiskLevel risk = ReviewRules.RiskLevel.parse(i.riskLevel());
    cell(esc(i.riskLevel()), String.valueOf(risk == null ? -1 : risk.ordinal()));
    cell(access(i), null);
    StringBuilder f = new StringBuilder();
    for (Flag flag : i.flags()) {
      f.append("<div class=\"flag\"><b>")
          .append(esc(flag.code().title()))
          .append(":</b> ")
          .append(esc(flag.reason()))
          .append("</div>");
    }
    cell(f.toString(), String.valueOf(i.flags().size()));
    w("</tr>\n");
  }

  private void lastActivity(Identity i) throws IOException {
    if (i.lastLogin() != null) {
      cell(
          esc(day(i.lastLogin())) + " <span class=\"how\">(" + esc(ago(i.lastLogin())) + ")</span>",
          Dates.iso(i.lastLogin()));
      return;
    }
    Object used = i.details().get("last_used_on");
    if (ResourceTypes.API_TOKEN_ID.equals(i.type()) && used != null) {
      String u = used.toString();
      if (u.equals(IdentityReader.NEVER)) {
        cell("<span class=\"note\">never used</span>", "");
      } else {
        cell("used " + esc(u.length() >= 10 ? u.substring(0, 10) : u), u);
      }
      return;
    }
    // The short word in the cell, the whole explanation on hover.
    String note = i.lastLoginNote() == null ? "" : i.lastLoginNote();
    int colon = note.indexOf(':');
    cell(
        "<span class=\"note\" title=\""
            + esc(note)
            + "\">"
            + esc(colon > 0 ? note.substring(0, colon) : note)
            + "</span>",
        "");
  }

  private String access(Identity i) {
    StringBuilder b = new StringBuilder("<ul>");
    for (Access a : i.access()) {
      b.append("<li>").append(esc(a.entitlement().wording()));
      if (!a.how().equals("direct")) {
        b.append(" <span class=\"how\">(").append(esc(a.how())).append(")</span>");
      }
      b.append("</li>");
    }
    b.append("</ul>");
    return b.append(facts(i, true)).toString();
  }

  /** Details: what a token may do and when it expires under Access, the rest under Identity. */
  private static String facts(Identity i, boolean accessFacts) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : i.details().entrySet()) {
      if (ACCESS_FACTS.contains(e.getKey()) != accessFacts) {
        continue;
      }
      Object v = e.getValue();
      String text =
          v instanceof List<?> l
              ? l.stream().map(String::valueOf).collect(Collectors.joining(", "))
              : String.valueOf(v);
      b.append("<div class=\"also\">")
          .append(esc(detailLabel(e.getKey())))
          .append(": ")
          .append(esc(text))
          .append("</div>");
    }
    return b.toString();
  }

  private static final java.util.Set<String> ACCESS_FACTS =
      java.util.Set.of(
          "permission_groups", "expires_on", "allowed_ips", "denied_ips", "pending_since");

  private static String detailLabel(String key) {
    return switch (key) {
      case "permission_groups" -> "Token permissions";
      case "expires_on" -> "Expires";
      case "last_used_on" -> "Last used";
      case "issued_on" -> "Issued";
      case "creator_email" -> "Created by";
      case "allowed_ips" -> "Only from IPs";
      case "denied_ips" -> "Never from IPs";
      case "member_id" -> "Membership id";
      case "pending_since" -> "Pending since";
      case "managed_by" -> "Managed by";
      case "access_seat" -> "Access seat";
      case "gateway_seat" -> "Gateway seat";
      default -> key.replace('_', ' ');
    };
  }

  private void cell(String html, String key) throws IOException {
    w(key == null ? "<td>" : "<td data-key=\"" + esc(key) + "\">");
    w(html);
    w("</td>");
  }

  private String ago(Instant t) {
    long d = Dates.daysBetween(t, review.rules().asOf());
    return d < 0 ? "after the as-of date" : d == 0 ? "today" : FlagCode.days(d) + " ago";
  }

  private static String day(Instant t) {
    return t == null ? "unknown" : Dates.day(t);
  }

  private static String time(Instant t) {
    return t == null ? "unknown" : Dates.iso(t).replace('T', ' ').replace("Z", " UTC");
  }

  private void w(String s) throws IOException {
    out.write(s);
  }

  private static String resource(String name) {
    try (InputStream in = ReportHtml.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
