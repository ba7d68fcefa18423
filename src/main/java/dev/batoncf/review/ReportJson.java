package dev.batoncf.review;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The review as JSON, written as it streams: keys in a fixed order, every key present (null when
 * unknown), counts and ages as integers, times as UTC RFC 3339 strings. Compact, for machines
 * ({@code jq .} indents it).
 */
public final class ReportJson {
  public static final String KIND = "cloudflare-access-review";
  public static final int FORMAT_VERSION = 1;

  private ReportJson() {}

  public static void write(AccessReview review, Writer out) throws IOException {
    JsonWriter w = new JsonWriter(out); // compact: 100k members would be 240 MB indented
    w.setSerializeNulls(true);
    w.beginObject();
    w.name("report").value(KIND);
    w.name("format_version").value(FORMAT_VERSION);
    w.name("source").value(review.source());
    w.name("sync").beginObject();
    w.name("id").value(review.syncId());
    w.name("started_at").value(Dates.iso(review.syncStartedAt()));
    w.name("ended_at").value(Dates.iso(review.syncEndedAt()));
    w.endObject();
    w.name("as_of").value(Dates.iso(review.rules().asOf()));
    rules(w, review.rules());
    w.name("earlier_syncs").value(review.earlierSyncs());
    summary(w, review);
    w.name("flag_rules").beginArray();
    for (FlagCode c : FlagCode.values()) {
      w.beginObject();
      w.name("code").value(c.code());
      w.name("title").value(c.title());
      w.name("explanation").value(c.explanation(review.rules()));
      w.endObject();
    }
    w.endArray();
    w.name("principals").beginArray();
    for (Principal p : review.principals()) {
      principal(w, p);
    }
    w.endArray();
    w.endObject();
    w.flush();
    out.write('\n');
    out.flush();
  }

  private static void rules(JsonWriter w, ReviewRules r) throws IOException {
    w.name("rules").beginObject();
    w.name("stale_invitation_days").value(r.staleInvitationDays());
    w.name("dormant_days").value(r.dormantDays());
    w.name("token_expiry_days").value(r.tokenExpiryDays());
    w.name("min_risk_level").value(r.minRiskLevel().wire());
    w.endObject();
  }

  private static void summary(JsonWriter w, AccessReview review) throws IOException {
    AccessReview.Summary s = review.summary();
    w.name("summary").beginObject();
    w.name("principals").value(review.principals().size());
    w.name("identities").beginObject();
    for (Map.Entry<String, Integer> e : s.identitiesByType().entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
    w.name("access_rows").value(s.accessRows());
    w.name("flagged_identities").value(s.flaggedIdentities());
    w.name("flags").beginObject();
    for (Map.Entry<FlagCode, Integer> e : s.flags().entrySet()) {
      w.name(e.getKey().code()).value(e.getValue());
    }
    w.endObject();
    w.endObject();
  }

  private static void principal(JsonWriter w, Principal p) throws IOException {
    w.beginObject();
    w.name("key").value(p.key());
    w.name("name").value(p.name());
    w.name("email").value(p.email());
    w.name("flagged").value(p.flagged());
    w.name("identities").beginArray();
    for (Identity i : p.identities()) {
      identity(w, i);
    }
    w.endArray();
    w.endObject();
  }

  private static void identity(JsonWriter w, Identity i) throws IOException {
    w.beginObject();
    w.name("type").value(i.type());
    w.name("type_name").value(i.typeName());
    w.name("id").value(i.id());
    w.name("name").value(i.name());
    w.name("email").value(i.email());
    w.name("status").value(i.status());
    w.name("two_factor").value(i.twoFactor());
    w.name("last_login").value(Dates.iso(i.lastLogin()));
    w.name("last_login_note").value(i.lastLoginNote());
    w.name("risk_level").value(i.riskLevel());
    w.name("created_at").value(Dates.iso(i.createdAt()));
    w.name("details").beginObject();
    for (Map.Entry<String, Object> e : i.details().entrySet()) {
      w.name(e.getKey());
      if (e.getValue() instanceof List<?> list) {
        w.beginArray();
        for (Object o : list) {
          w.value(String.valueOf(o));
        }
        w.endArray();
      } else {
        w.value(String.valueOf(e.getValue()));
      }
    }
    w.endObject();
    w.name("flags").beginArray();
    for (Flag f : i.flags()) {
      w.beginObject();
      w.name("code").value(f.code().code());
      w.name("reason").value(f.reason());
      w.endObject();
    }
    w.endArray();
    w.name("access").beginArray();
    for (Access a : i.access()) {
      access(w, i, a);
    }
    w.endArray();
    w.endObject();
  }

  private static void access(JsonWriter w, Identity i, Access a) throws IOException {
    EntitlementRef e = a.entitlement();
    w.beginObject();
    w.name("entitlement_id").value(e.id());
    w.name("entitlement").value(e.displayName().isEmpty() ? null : e.displayName());
    w.name("resource_type").value(e.resourceType());
    w.name("resource_id").value(e.resourceId());
    w.name("resource").value(e.resourceName());
    w.name("description").value(e.wording());
    w.name("how").value(a.how());
    w.name("direct").value(a.direct());
    w.name("invited").value(a.invited());
    w.name("via").beginArray();
    for (EntitlementRef v : a.via()) {
      w.beginObject();
      w.name("entitlement_id").value(v.id());
      w.name("resource_type").value(v.resourceType());
      w.name("resource").value(v.resourceName());
      w.endObject();
    }
    w.endArray();
    w.name("grant_id").value(a.grantId(i));
    w.endObject();
  }
}
