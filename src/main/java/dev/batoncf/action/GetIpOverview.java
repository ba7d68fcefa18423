package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.map;
import static dev.batoncf.action.Schemas.string;
import static dev.batoncf.action.Schemas.strings;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.IpIntel;
import dev.batoncf.cloudflare.model.WithRaw;
import dev.batoncf.pb.config.v1.WellKnownString;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.List;

/** {@code get_ip_overview {ip}}: Cloudflare's threat intel for one IPv4 or IPv6 address. */
final class GetIpOverview implements Action {
  static final String NAME = "get_ip_overview";
  static final String ARG_IP = "ip";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Get IP Overview",
              "Threat intelligence for an IP address: the network it belongs to and the risk types "
                  + "Cloudflare associates with it.")
          .addArguments(
              string(
                  ARG_IP,
                  "IP Address",
                  "An IPv4 or IPv6 address",
                  true,
                  "203.0.113.7",
                  WellKnownString.WELL_KNOWN_STRING_IP))
          .addReturnTypes(string("ip", "IP Address", "The address asked about", false, ""))
          .addReturnTypes(
              bool("riskFound", "Risk Found", "Whether any risk type is associated", false))
          .addReturnTypes(
              strings("riskTypes", "Risk Types", "Names of the risk types, e.g. Phishing"))
          .addReturnTypes(
              string("asn", "AS Number", "Autonomous system the address belongs to", false, ""))
          .addReturnTypes(string("asnDescription", "Network", "Name of that network", false, ""))
          .addReturnTypes(
              string("ownerType", "Owner Type", "hosting_provider, isp or organization", false, ""))
          .addReturnTypes(string("country", "Country", "Country code of the network", false, ""))
          .addReturnTypes(
              map(Results.RESULT, "Result", "Cloudflare's intel item, unchanged", false))
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    Inputs.Ip ip = Inputs.ip(ARG_IP, args.string(ARG_IP));
    return PreparedAction.read(
        NAME,
        client ->
            result(
                ip.text(), client.ipIntel(ip.v6() ? null : ip.text(), ip.v6() ? ip.text() : null)));
  }

  static JsonObject result(String ip, List<WithRaw<IpIntel>> items) {
    IpIntel intel = items.isEmpty() ? null : items.get(0).value();
    IpIntel.BelongsToRef owner = intel == null ? null : intel.belongsToRef();
    JsonObject o = new JsonObject();
    o.addProperty("ip", ip);
    o.addProperty("riskFound", intel != null && !Results.isEmpty(intel.riskTypes()));
    o.add("riskTypes", Results.names(intel == null ? null : intel.riskTypes()));
    o.addProperty("asn", owner == null ? null : owner.value());
    o.addProperty("asnDescription", owner == null ? null : owner.description());
    o.addProperty("ownerType", owner == null ? null : owner.type());
    o.addProperty("country", owner == null ? null : owner.country());
    o.add(Results.RESULT, items.isEmpty() ? new JsonObject() : items.get(0).raw());
    return o;
  }
}
