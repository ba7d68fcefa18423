package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Threat intel (cloudflare-api.md §10). {@code /intel/ip} takes {@code ipv4} and/or {@code ipv6}
 * and returns an ARRAY with one item per address; {@code /intel/domain} returns an OBJECT. An
 * address or domain with no seeded intel gets a plausible empty-risk answer (no risk types, empty
 * owner, risk score 0), never an error. Missing or malformed input is HTTP 400.
 */
final class IntelHandlers {
  /** ASCII labels; the top-level domain is letters or an IDN one in punycode (xn--p1ai). */
  private static final Pattern DOMAIN =
      Pattern.compile("[A-Za-z0-9.-]+\\.([A-Za-z]{2,}|xn--[A-Za-z0-9-]+)");

  private final SimAccount account;

  IntelHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.INTEL_IP, Area.INTEL, this::ip);
    r.add("GET", Paths.INTEL_DOMAIN, Area.INTEL, this::domain);
  }

  private SimResponse ip(SimRequest req) {
    String v4 = req.query("ipv4");
    String v6 = req.query("ipv6");
    if ((v4 == null || v4.isEmpty()) && (v6 == null || v6.isEmpty())) {
      throw SimError.validation("ipv4 or ipv6 is required");
    }
    JsonArray result = new JsonArray();
    if (v4 != null && !v4.isEmpty()) {
      if (!Ids.isIpv4(v4)) {
        throw SimError.validation("ipv4 is not a valid IPv4 address");
      }
      result.add(ipItem(v4));
    }
    if (v6 != null && !v6.isEmpty()) {
      if (!Ids.isIpv6(v6)) {
        throw SimError.validation("ipv6 is not a valid IPv6 address");
      }
      result.add(ipItem(v6));
    }
    return SimResponse.ok(result);
  }

  private JsonObject ipItem(String ip) {
    SimIntel.Ip known = account.ipIntel(ip).orElse(null);
    JsonObject owner = new JsonObject();
    owner.addProperty("id", known == null ? "" : known.asnId());
    owner.addProperty("value", known == null ? "" : known.asnValue());
    if (known != null && known.ownerType() != null && !known.ownerType().isEmpty()) {
      owner.addProperty("type", known.ownerType()); // an enum: absent rather than ""
    }
    owner.addProperty("country", known == null ? "" : known.country());
    owner.addProperty("description", known == null ? "" : known.description());
    JsonObject o = new JsonObject();
    o.addProperty("ip", ip);
    o.add("belongs_to_ref", owner);
    o.add("risk_types", Views.categories(known == null ? List.of() : known.riskTypes()));
    return o;
  }

  private SimResponse domain(SimRequest req) {
    String domain = req.query("domain");
    if (domain == null || domain.isBlank() || !DOMAIN.matcher(domain).matches()) {
      throw SimError.validation("domain is required and must be a domain name");
    }
    SimIntel.Domain d =
        account
            .domainIntel(domain)
            .orElse(
                new SimIntel.Domain(
                    domain, 0.0, null, 0, "", List.of(), List.of(), List.of(), List.of(), "",
                    List.of(), ""));
    JsonObject o = new JsonObject();
    o.addProperty("domain", domain);
    o.addProperty("risk_score", d.riskScore());
    if (d.popularityRank() != null) { // unranked: absent (a non-nullable integer)
      o.addProperty("popularity_rank", d.popularityRank());
    }
    JsonObject app = new JsonObject();
    app.addProperty("id", d.applicationId());
    app.addProperty("name", d.applicationName());
    o.add("application", app);
    o.add("content_categories", Views.categories(d.contentCategories()));
    o.add("risk_types", Views.categories(d.riskTypes()));
    o.add("inherited_content_categories", Views.categories(d.inheritedContentCategories()));
    o.add("inherited_risk_types", Views.categories(d.inheritedRiskTypes()));
    o.addProperty("inherited_from", d.inheritedFrom());
    JsonArray refs = new JsonArray();
    for (String ip : d.resolvesTo()) {
      JsonObject ref = new JsonObject();
      String kind = ip.contains(":") ? "ipv6-addr--" : "ipv4-addr--";
      ref.addProperty("id", kind + UUID.nameUUIDFromBytes(ip.getBytes(StandardCharsets.UTF_8)));
      ref.addProperty("value", ip);
      refs.add(ref);
    }
    o.add("resolves_to_refs", refs);
    JsonObject info = new JsonObject();
    info.addProperty("suspected_malware_family", d.suspectedMalwareFamily());
    o.add("additional_information", info);
    return SimResponse.ok(o);
  }
}
