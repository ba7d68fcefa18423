package dev.batoncf.connector;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.model.ApiToken;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.SecretTrait;
import dev.batoncf.pb.connector.v2.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** {@code api_token}: account-owned API tokens as SECRET resources (metadata only, no value). */
public final class ApiTokenSyncer implements PageHandler<ApiToken> {
  static final String CREDENTIAL_DETAIL = "cloudflare.account_api_token";
  public static final String ACTIVE = "active";

  public ResourceType resourceType() {
    return ResourceTypes.API_TOKEN;
  }

  /** Pure mapper. */
  public static Resource toResource(ApiToken t) {
    Struct profile =
        Protos.struct()
            .put(ProfileKeys.STATUS, t.status())
            .put(ProfileKeys.ISSUED_ON, t.issuedOn())
            .put(ProfileKeys.MODIFIED_ON, t.modifiedOn())
            .put(ProfileKeys.LAST_USED_ON, t.lastUsedOn())
            .put(ProfileKeys.NOT_BEFORE, t.notBefore())
            .put(ProfileKeys.EXPIRES_ON, t.expiresOn())
            .put(ProfileKeys.CREATOR_EMAIL, t.creatorEmailAtCreation())
            .put(ProfileKeys.PERMISSION_GROUPS, permissionGroups(t))
            .put(ProfileKeys.ALLOWED_IPS, ipList(t.condition(), "in"))
            .put(ProfileKeys.DENIED_IPS, ipList(t.condition(), "not_in"))
            .build();
    SecretTrait.Builder trait =
        SecretTrait.newBuilder()
            .setProfile(profile)
            .setCredentialType(SecretTrait.CredentialType.CREDENTIAL_TYPE_STATIC_SECRET)
            .setCredentialDetail(CREDENTIAL_DETAIL);
    Protos.timestamp(t.expiresOn()).ifPresent(trait::setExpiresAt);
    Protos.timestamp(t.lastUsedOn()).ifPresent(trait::setLastUsedAt);
    Protos.timestamp(t.issuedOn()).ifPresent(trait::setCreatedAt);
    boolean active = ACTIVE.equalsIgnoreCase(t.status());
    Resource.Builder b =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.API_TOKEN_ID, t.id()))
            .setDisplayName(t.name() != null && !t.name().isBlank() ? t.name() : t.id())
            .setProfile(profile)
            .addAnnotations(Protos.pack(trait.build()));
    if (t.status() != null) {
      b.setStatus(
          Status.newBuilder()
              .setStatus(
                  active
                      ? Status.ResourceStatus.RESOURCE_STATUS_ENABLED
                      : Status.ResourceStatus.RESOURCE_STATUS_DISABLED)
              .setDetails(Protos.titleCase(t.status())));
    }
    Protos.timestamp(t.issuedOn()).ifPresent(b::setCreatedAt);
    return b.build();
  }

  /** Sorted, de-duplicated permission group names across the token's policies. */
  static List<String> permissionGroups(ApiToken t) {
    TreeSet<String> names = new TreeSet<>();
    for (JsonObject policy : t.policiesOrEmpty()) {
      JsonElement groups = policy.get("permission_groups");
      if (groups == null || !groups.isJsonArray()) {
        continue;
      }
      for (JsonElement g : groups.getAsJsonArray()) {
        if (g.isJsonObject()) {
          JsonElement n = g.getAsJsonObject().get("name");
          JsonElement id = g.getAsJsonObject().get("id");
          JsonElement pick = n != null && n.isJsonPrimitive() ? n : id;
          if (pick != null && pick.isJsonPrimitive()) {
            String effect =
                policy.has("effect") && policy.get("effect").isJsonPrimitive()
                    ? policy.get("effect").getAsString()
                    : "allow";
            names.add(("deny".equalsIgnoreCase(effect) ? "deny: " : "") + pick.getAsString());
          }
        }
      }
    }
    return new ArrayList<>(names);
  }

  private static List<String> ipList(JsonElement condition, String key) {
    if (condition == null || !condition.isJsonObject()) {
      return null;
    }
    JsonElement ip = condition.getAsJsonObject().get("request_ip");
    if (ip == null || !ip.isJsonObject()) {
      return null;
    }
    JsonElement list = ip.getAsJsonObject().get(key);
    if (list == null || !list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    list.getAsJsonArray()
        .forEach(
            e -> {
              if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
              }
            });
    return out;
  }

  @Override
  public void onPage(List<ApiToken> tokens, RowSink sink) {
    tokens.forEach(t -> sink.resource(toResource(t)));
  }
}
