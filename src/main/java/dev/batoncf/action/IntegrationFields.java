package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.map;
import static dev.batoncf.action.Schemas.string;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.RiskIntegration;
import dev.batoncf.pb.config.v1.Field;
import dev.batoncf.pb.config.v1.WellKnownString;

/** Argument names, fields and result parts shared by the five risk-integration actions. */
final class IntegrationFields {
  static final String ARG_ID = "id";
  static final String ARG_REFERENCE_ID = "reference_id";
  static final String ARG_TYPE = "integration_type";
  static final String ARG_TENANT_URL = "tenant_url";
  static final String ARG_ACTIVE = "active";
  static final String INTEGRATION = "integration";
  static final String NO_SUCH_INTEGRATION = "no risk-scoring integration has this ";

  static final Field REFERENCE_ID =
      string(
          ARG_REFERENCE_ID,
          "Reference ID",
          "Client-chosen reference; Cloudflare suggests the Access Okta identity provider's id",
          false,
          "6c5b4a39-2817-4f6e-9d0c-1b2a39485766");
  static final Field TENANT_URL_OPTIONAL = tenantUrl(false);
  static final Field RESULT_INTEGRATION =
      map(
          INTEGRATION,
          "Integration",
          "{id, accountTag, "
              + "active, createdAt, integrationType, referenceId, tenantUrl, wellKnownUrl}",
          false);
  static final Field RESULT_SUCCESS =
      bool(Results.SUCCESS, "Success", "Whether it was done", false);
  static final Field RESULT_FOUND =
      bool(Results.FOUND, "Found", "Whether the integration exists", false);
  static final Field RESULT_MESSAGE = string(Results.MESSAGE, "Message", "Why not", false, "");

  private IntegrationFields() {}

  static Field id(boolean required) {
    return string(
        ARG_ID,
        "Integration ID",
        "The integration's id (a UUID)",
        required,
        "0b6c2f7e-4d1a-4e39-8a55-2c6f0e9d1a77",
        WellKnownString.WELL_KNOWN_STRING_UUID);
  }

  static Field tenantUrl(boolean required) {
    return string(
        ARG_TENANT_URL,
        "Tenant URL",
        "Base https URL of the identity provider tenant",
        required,
        "https://tenant.okta.com",
        WellKnownString.WELL_KNOWN_STRING_URI);
  }

  /** {@code {"success": …, "found": …, "integration": {…}}}. */
  static JsonObject done(boolean success, RiskIntegration i) {
    JsonObject o = new JsonObject();
    o.addProperty(Results.SUCCESS, success);
    o.addProperty(Results.FOUND, true);
    o.add(INTEGRATION, Results.integration(i));
    return o;
  }
}
