package dev.batoncf.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sixty realistic Cloudflare account roles (names as in the dashboard), shared by the demo and
 * generated seeds. Permissions are a compact spec: {@code "rw:dns,dns_records;r:zones"}, where
 * {@code *} means every key of {@link Wire#PERMISSION_KEYS}. A few roles use the legacy
 * string-array shape, because the roles endpoints have returned both.
 */
final class RoleCatalog {
  private RoleCatalog() {}

  /** Id of the documented "Administrator Read Only" example role (cloudflare-api.md §3). */
  static final String ADMIN_READ_ONLY_ID = "05784afa30c1afe1440e79d9351c7430";

  private record Entry(String name, String description, String spec, boolean legacy) {}

  private static final List<Entry> ENTRIES =
      List.of(
          e(
              "Administrator",
              "Can access the full account, except for membership management and billing.",
              "rw:*"),
          e("Administrator Read Only", "Can access the full account in read-only mode.", "r:*"),
          e("Analytics", "Can read Analytics.", "r:analytics,zones"),
          e("Audit Logs Viewer", "Can view Audit Logs.", "r:logs,organization"),
          legacy(
              "Billing",
              "Can edit the account's billing profile and subscriptions.",
              "rw:billing;r:organization"),
          legacy("Cache Purge", "Can purge the edge cache.", "rw:cache_purge;r:zones"),
          e("Cloudflare Access", "Can edit Cloudflare Access policies.", "rw:organization;r:zones"),
          e(
              "Cloudflare DEX",
              "Can manage Digital Experience Monitoring settings.",
              "rw:organization;r:analytics"),
          e(
              "Cloudflare Gateway",
              "Can edit Cloudflare Gateway and read Access configurations.",
              "rw:organization;r:logs"),
          e("Cloudflare Images", "Can manage Cloudflare Images.", "rw:zone_settings;r:zones"),
          e(
              "Cloudflare R2 Admin",
              "Can create, edit and delete buckets and objects, and manage R2 configuration.",
              "rw:organization"),
          e(
              "Cloudflare R2 Read",
              "Can list buckets and view bucket configuration.",
              "r:organization"),
          e("Cloudflare Stream", "Can manage Cloudflare Stream.", "rw:zone_settings"),
          e(
              "Cloudflare Workers Admin",
              "Can edit Cloudflare Workers.",
              "rw:zones,zone_settings;r:analytics,logs"),
          e(
              "Cloudflare Zero Trust",
              "Can edit Cloudflare Zero Trust.",
              "rw:organization;r:logs,analytics"),
          e(
              "Cloudflare Zero Trust PII",
              "Can access Cloudflare Zero Trust personally identifiable information.",
              "r:organization,logs"),
          e(
              "Cloudflare Zero Trust Read Only",
              "Can access Cloudflare Zero Trust in read-only mode.",
              "r:organization,logs,analytics"),
          e(
              "Cloudflare Zero Trust Reporting",
              "Can access Cloudflare Zero Trust reporting data.",
              "r:analytics,logs"),
          e(
              "Cloudforce One Admin",
              "Can manage Cloudforce One threat intelligence requests.",
              "rw:organization"),
          e(
              "Cloudforce One Read",
              "Can read Cloudforce One threat intelligence.",
              "r:organization"),
          e("DNS", "Can edit DNS records.", "rw:dns,dns_records;r:zones"),
          e(
              "Email Configuration Admin",
              "Can configure Email Routing and Email Security settings.",
              "rw:zone_settings,dns_records;r:zones"),
          e(
              "Email Integration Security Read",
              "Can read Email Security integrations.",
              "r:organization"),
          e(
              "Email Security Analyst",
              "Can investigate and act on Email Security detections.",
              "rw:logs;r:analytics"),
          e(
              "Email Security Policy Admin",
              "Can manage Email Security policies.",
              "rw:organization"),
          e("Email Security Read Only", "Can read Email Security data.", "r:analytics,logs"),
          e("Email Security Reporting", "Can read Email Security reports.", "r:analytics"),
          e(
              "Firewall",
              "Can edit WAF, IP Firewall, and Zone Lockdown settings.",
              "rw:waf;r:zones,analytics"),
          e(
              "HTTP Applications",
              "Can manage HTTP applications and their configurations.",
              "rw:zones,zone_settings"),
          e("HTTP Applications Read", "Can read HTTP applications.", "r:zones,zone_settings"),
          e(
              "Hyperdrive Admin",
              "Can create, edit and delete Hyperdrive configurations.",
              "rw:organization"),
          e("Hyperdrive Readonly", "Can read Hyperdrive configurations.", "r:organization"),
          e(
              "Load Balancer",
              "Can edit Load Balancers, Pools, Origins, and Health Checks.",
              "rw:lb;r:zones"),
          e(
              "Load Balancing Account Read",
              "Can read account-level Load Balancing configuration.",
              "r:lb"),
          legacy("Log Share", "Can edit Log Share configuration.", "rw:logs;r:zones"),
          legacy("Log Share Reader", "Can read Enterprise Log Share.", "r:logs"),
          e("Magic Network Monitoring", "Can view Magic Network Monitoring.", "r:analytics"),
          e(
              "Magic Network Monitoring Admin",
              "Can manage Magic Network Monitoring.",
              "rw:analytics"),
          e(
              "Network Services Read (Magic)",
              "Can read Magic Transit and Magic WAN configuration.",
              "r:organization"),
          e(
              "Network Services Write (Magic)",
              "Can edit Magic Transit and Magic WAN configuration.",
              "rw:organization"),
          e("Page Shield", "Can edit Page Shield settings.", "rw:waf;r:zones"),
          e("Page Shield Read", "Can read Page Shield settings.", "r:waf,zones"),
          e(
              "Secrets Store Admin",
              "Can create, edit and delete secrets and stores.",
              "rw:organization"),
          e("Secrets Store Deployer", "Can bind secrets to Workers.", "r:organization"),
          e("Secrets Store Reporter", "Can read secret metadata.", "r:organization"),
          e(
              "SSL/TLS, Caching, Performance, Page Rules, and Customization",
              "Can edit most Cloudflare settings except for DNS and Firewall.",
              "rw:ssl,zone_settings,cache_purge;r:zones"),
          e("Trust and Safety", "Can view and request reviews for blocks.", "r:organization"),
          e("Turnstile", "Can create, edit and delete Turnstile widgets.", "rw:organization"),
          e("Turnstile Read", "Can read Turnstile widgets.", "r:organization"),
          e("Vectorize Admin", "Can create, edit and delete Vectorize indexes.", "rw:organization"),
          e("Vectorize Readonly", "Can read Vectorize indexes.", "r:organization"),
          e(
              "Waiting Room Admin",
              "Can edit Waiting Room configurations.",
              "rw:zone_settings;r:zones"),
          e("Waiting Room Read", "Can read Waiting Room configurations.", "r:zone_settings,zones"),
          e(
              "Workers Platform Admin",
              "Can edit all Workers Platform resources.",
              "rw:zones,zone_settings,logs"),
          e(
              "Workers Platform (Read-only)",
              "Can read Workers Platform resources.",
              "r:zones,zone_settings,logs"),
          e("Zaraz Admin", "Can edit and publish Zaraz configuration.", "rw:zone_settings"),
          e("Zaraz Edit", "Can edit Zaraz configuration.", "rw:zone_settings"),
          e("Zaraz Readonly", "Can read Zaraz configuration.", "r:zone_settings"),
          e(
              "Zone Versioning Admin",
              "Can manage zone versions and deployments.",
              "rw:zones,zone_settings"),
          e("Zone Versioning Read", "Can read zone versions.", "r:zones,zone_settings"));

  private static Entry e(String name, String description, String spec) {
    return new Entry(name, description, spec, false);
  }

  private static Entry legacy(String name, String description, String spec) {
    return new Entry(name, description, spec, true);
  }

  /** Number of catalog roles (the Super Administrator role is extra). */
  static int size() {
    return ENTRIES.size();
  }

  /** Stable id of a catalog role by name. */
  static String id(String name) {
    return name.equals("Administrator Read Only") ? ADMIN_READ_ONLY_ID : Ids.hex32("role:" + name);
  }

  /** The first {@code n} catalog roles, then synthetic "Custom Role k" ones if n is larger. */
  static List<SimRole> roles(int n) {
    List<SimRole> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (i < ENTRIES.size()) {
        Entry en = ENTRIES.get(i);
        out.add(role(id(en.name()), en.name(), en.description(), en.spec(), en.legacy()));
      } else {
        String name = "Custom Role " + (i - ENTRIES.size() + 1);
        out.add(role(Ids.hex32("role:" + name), name, "Generated role.", "r:zones", false));
      }
    }
    return out;
  }

  private static SimRole role(
      String id, String name, String description, String spec, boolean legacy) {
    Set<String> read = new HashSet<>();
    Set<String> write = new HashSet<>();
    for (String part : spec.split(";")) {
      String[] kv = part.split(":", 2);
      List<String> keys = kv[1].equals("*") ? Wire.PERMISSION_KEYS : List.of(kv[1].split(","));
      read.addAll(keys);
      if (kv[0].equals("rw")) {
        write.addAll(keys);
      }
    }
    return new SimRole(id, name, description, read, write, legacy);
  }
}
