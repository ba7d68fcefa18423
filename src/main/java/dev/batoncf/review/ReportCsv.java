package dev.batoncf.review;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The review as CSV: one row per (identity, held entitlement), identities holding nothing get one
 * row with the access columns empty; every row repeats its identity's flags.
 */
public final class ReportCsv {
  static final List<String> HEADER =
      List.of(
          "person",
          "person_key",
          "identity_type",
          "identity_id",
          "identity_name",
          "email",
          "status",
          "two_factor",
          "last_login",
          "last_login_note",
          "risk_level",
          "access",
          "entitlement_id",
          "resource_type",
          "resource",
          "how",
          "grant_id",
          "flagged",
          "flag_codes",
          "flag_reasons");

  private ReportCsv() {}

  public static void write(AccessReview review, Writer out) throws IOException {
    Csv csv = new Csv(out);
    csv.row(HEADER);
    for (Principal p : review.principals()) {
      for (Identity i : p.identities()) {
        if (i.access().isEmpty()) {
          csv.row(row(p, i, null));
        }
        for (Access a : i.access()) {
          csv.row(row(p, i, a));
        }
      }
    }
    out.flush();
  }

  private static List<String> row(Principal p, Identity i, Access a) {
    List<String> r = new ArrayList<>(HEADER.size());
    r.add(p.name());
    r.add(p.key());
    r.add(i.type());
    r.add(i.id());
    r.add(i.name());
    r.add(i.email());
    r.add(i.status());
    r.add(i.twoFactor() == null ? "" : i.twoFactor() ? "yes" : "no");
    r.add(Dates.iso(i.lastLogin()));
    r.add(i.lastLoginNote());
    r.add(i.riskLevel());
    r.add(a == null ? "" : a.entitlement().wording());
    r.add(a == null ? "" : a.entitlement().id());
    r.add(a == null ? "" : a.entitlement().resourceType());
    r.add(a == null ? "" : a.entitlement().resourceName());
    r.add(a == null ? "" : a.how());
    r.add(a == null ? "" : a.grantId(i));
    r.add(i.flags().isEmpty() ? "no" : "yes");
    r.add(i.flags().stream().map(f -> f.code().code()).collect(Collectors.joining(" ")));
    r.add(i.flags().stream().map(Flag::reason).collect(Collectors.joining(" ")));
    return r;
  }
}
