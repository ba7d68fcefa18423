package dev.batoncf.cloudflare.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/** An account-owned API token (metadata only; Cloudflare never returns the secret on list). */
public record ApiToken(
    String id,
    String name,
    String status,
    String issuedOn,
    String modifiedOn,
    String lastUsedOn,
    String notBefore,
    String expiresOn,
    String creatorEmailAtCreation,
    String provisionerType,
    JsonElement condition,
    List<JsonObject> policies) {

  public List<JsonObject> policiesOrEmpty() {
    return policies == null ? List.of() : policies;
  }
}
