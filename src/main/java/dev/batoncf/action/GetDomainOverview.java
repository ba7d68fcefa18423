package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.integer;
import static dev.batoncf.action.Schemas.map;
import static dev.batoncf.action.Schemas.string;
import static dev.batoncf.action.Schemas.strings;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.DomainIntel;
import dev.batoncf.cloudflare.model.WithRaw;
import dev.batoncf.pb.config.v1.WellKnownString;
import dev.batoncf.pb.connector.v2.BatonActionSchema;

/** {@code get_domain_overview {domain}}: threat intel and content categories of a domain. */
final class GetDomainOverview implements Action {
  static final String NAME = "get_domain_overview";
  static final String ARG_DOMAIN = "domain";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Get Domain Overview",
              "Threat intelligence for a domain: content categories, risk types (its own and "
                  + "inherited), risk score, popularity and the addresses it resolves to.")
          .addArguments(
              string(
                  ARG_DOMAIN,
                  "Domain",
                  "A domain name (internationalised names are " + "accepted)",
                  true,
                  "example.com",
                  WellKnownString.WELL_KNOWN_STRING_HOSTNAME))
          .addReturnTypes(
              string("domain", "Domain", "The domain asked about (ASCII form)", false, ""))
          .addReturnTypes(
              bool(
                  "riskFound",
                  "Risk Found",
                  "Whether any risk type, own or inherited, is associated",
                  false))
          .addReturnTypes(string("riskScore", "Risk Score", "Number from 0 to 1", false, ""))
          .addReturnTypes(strings("riskTypes", "Risk Types", "Names of the domain's risk types"))
          .addReturnTypes(
              strings(
                  "inheritedRiskTypes",
                  "Inherited Risk Types",
                  "Risk types inherited from a parent domain"))
          .addReturnTypes(strings("contentCategories", "Content Categories", "Category names"))
          .addReturnTypes(
              strings(
                  "inheritedContentCategories",
                  "Inherited Content Categories",
                  "Categories inherited from a parent domain"))
          .addReturnTypes(string("inheritedFrom", "Inherited From", "The parent domain", false, ""))
          .addReturnTypes(
              integer("popularityRank", "Popularity Rank", "1 = most popular; null if unranked"))
          .addReturnTypes(
              string("application", "Application", "Application name, if any", false, ""))
          .addReturnTypes(
              strings("resolvesTo", "Resolves To", "IP addresses the domain resolves to"))
          .addReturnTypes(
              string("suspectedMalwareFamily", "Suspected Malware Family", "", false, ""))
          .addReturnTypes(
              map(Results.RESULT, "Result", "Cloudflare's intel object, unchanged", false))
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String domain = Inputs.domain(ARG_DOMAIN, args.string(ARG_DOMAIN));
    return PreparedAction.read(NAME, client -> result(domain, client.domainIntel(domain)));
  }

  static JsonObject result(String domain, WithRaw<DomainIntel> answer) {
    DomainIntel d = answer.value();
    JsonObject o = new JsonObject();
    o.addProperty("domain", domain);
    o.addProperty(
        "riskFound", !Results.isEmpty(d.riskTypes()) || !Results.isEmpty(d.inheritedRiskTypes()));
    o.addProperty("riskScore", d.riskScore());
    o.add("riskTypes", Results.names(d.riskTypes()));
    o.add("inheritedRiskTypes", Results.names(d.inheritedRiskTypes()));
    o.add("contentCategories", Results.names(d.contentCategories()));
    o.add("inheritedContentCategories", Results.names(d.inheritedContentCategories()));
    o.addProperty("inheritedFrom", emptyToNull(d.inheritedFrom()));
    o.addProperty("popularityRank", d.popularityRank());
    o.addProperty(
        "application", d.application() == null ? null : emptyToNull(d.application().name()));
    JsonArray resolves = new JsonArray();
    if (d.resolvesToRefs() != null) {
      d.resolvesToRefs().stream()
          .filter(r -> r != null && r.value() != null)
          .forEach(r -> resolves.add(r.value()));
    }
    o.add("resolvesTo", resolves);
    o.addProperty(
        "suspectedMalwareFamily",
        d.additionalInformation() == null
            ? null
            : emptyToNull(d.additionalInformation().suspectedMalwareFamily()));
    o.add(Results.RESULT, answer.raw());
    return o;
  }

  /** Cloudflare sends "" for "none" in several string fields; a result says null. */
  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
