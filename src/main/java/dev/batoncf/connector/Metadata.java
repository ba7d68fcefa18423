package dev.batoncf.connector;

import dev.batoncf.pb.connector.v2.Capability;
import dev.batoncf.pb.connector.v2.CapabilityDetailCredentialOption;
import dev.batoncf.pb.connector.v2.CapabilityPermissions;
import dev.batoncf.pb.connector.v2.ConnectorAccountCreationSchema;
import dev.batoncf.pb.connector.v2.ConnectorAccountCreationSchema.Field;
import dev.batoncf.pb.connector.v2.ConnectorCapabilities;
import dev.batoncf.pb.connector.v2.ConnectorMetadata;
import dev.batoncf.pb.connector.v2.CredentialDetails;
import dev.batoncf.pb.connector.v2.CredentialDetailsAccountProvisioning;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.ResourceTypeCapability;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Connector metadata and the capabilities actually implemented, per resource type. */
public final class Metadata {
  public static final String DISPLAY_NAME = "Cloudflare";
  public static final String DESCRIPTION =
      "Cloudflare account members, invitations, roles and "
          + "API tokens, and Zero Trust Access users, groups and applications.";

  private static final CapabilityDetailCredentialOption NO_PASSWORD =
      CapabilityDetailCredentialOption.CAPABILITY_DETAIL_CREDENTIAL_OPTION_NO_PASSWORD;

  private Metadata() {}

  /** Account-creation profile key: the role ids (or exact names) of the invitation. */
  public static final String SCHEMA_ROLES = "roles";

  public static final String SCHEMA_FIRST_NAME = "first_name";
  public static final String SCHEMA_LAST_NAME = "last_name";

  /**
   * What each type supports (as served by {@code serve}); the connector-level list is their sorted
   * union. Grants go through the role and group types, invitations are created through {@code user}
   * (Baton's default account type), members and invitations can be deleted.
   */
  static Map<ResourceType, Set<Capability>> perType() {
    Map<ResourceType, Set<Capability>> m = new LinkedHashMap<>();
    m.put(
        ResourceTypes.USER,
        EnumSet.of(
            Capability.CAPABILITY_SYNC,
            Capability.CAPABILITY_ACCOUNT_PROVISIONING,
            Capability.CAPABILITY_RESOURCE_DELETE));
    m.put(
        ResourceTypes.INVITATION,
        EnumSet.of(Capability.CAPABILITY_SYNC, Capability.CAPABILITY_RESOURCE_DELETE));
    m.put(
        ResourceTypes.ROLE,
        EnumSet.of(Capability.CAPABILITY_SYNC, Capability.CAPABILITY_PROVISION));
    m.put(ResourceTypes.API_TOKEN, EnumSet.of(Capability.CAPABILITY_SYNC));
    m.put(ResourceTypes.ACCESS_USER, EnumSet.of(Capability.CAPABILITY_SYNC));
    m.put(
        ResourceTypes.GROUP,
        EnumSet.of(Capability.CAPABILITY_SYNC, Capability.CAPABILITY_PROVISION));
    m.put(ResourceTypes.ACCESS_APP, EnumSet.of(Capability.CAPABILITY_SYNC));
    return m;
  }

  /** Capabilities of every resource type the connector knows. */
  public static ConnectorCapabilities capabilities() {
    return capabilities(perType().keySet());
  }

  /** Capabilities of the given types only (e.g. without Zero Trust when it is off). */
  public static ConnectorCapabilities capabilities(Collection<ResourceType> types) {
    Set<String> wanted = new HashSet<>();
    types.forEach(t -> wanted.add(t.getId()));
    ConnectorCapabilities.Builder b = ConnectorCapabilities.newBuilder();
    Set<Capability> all = new TreeSet<>();
    for (Map.Entry<ResourceType, Set<Capability>> e : perType().entrySet()) {
      if (!wanted.contains(e.getKey().getId())) {
        continue;
      }
      Set<Capability> own = new TreeSet<>(e.getValue());
      // Every type can be fetched alone (GetResource) and synced by target (--sync-resources).
      own.add(Capability.CAPABILITY_TARGETED_SYNC);
      List<Capability> caps = new ArrayList<>(own);
      all.addAll(caps);
      ResourceTypeCapability.Builder rc =
          ResourceTypeCapability.newBuilder().setResourceType(e.getKey()).addAllCapabilities(caps);
      e.getKey().getAnnotationsList().stream()
          .filter(a -> a.is(CapabilityPermissions.class))
          .findFirst()
          .ifPresent(a -> rc.setPermissions(unpack(a)));
      b.addResourceTypeCapabilities(rc);
    }
    all.add(
        Capability.CAPABILITY_ACTIONS); // connector-level: the security actions (action package)
    // Service-mode sync tasks honour targeted_sync_resources (service.SyncTask).
    all.add(Capability.CAPABILITY_SERVICE_MODE_TARGETED_SYNC);
    // EventService: the audit-log feed (BatonEvents; served by server.EventFeed).
    all.add(Capability.CAPABILITY_EVENT_FEED_V2);
    b.addAllConnectorCapabilities(all);
    if (all.contains(Capability.CAPABILITY_ACCOUNT_PROVISIONING)) {
      // An invitation carries no password: the person sets up their own login.
      b.setCredentialDetails(
          CredentialDetails.newBuilder()
              .setCapabilityAccountProvisioning(
                  CredentialDetailsAccountProvisioning.newBuilder()
                      .addSupportedCredentialOptions(NO_PASSWORD)
                      .setPreferredCredentialOption(NO_PASSWORD)));
    }
    return b.build();
  }

  /** Metadata for a connector serving {@code types}, with the account-creation schema. */
  public static ConnectorMetadata metadata(Collection<ResourceType> types) {
    return ConnectorMetadata.newBuilder()
        .setDisplayName(DISPLAY_NAME)
        .setDescription(DESCRIPTION)
        .setCapabilities(capabilities(types))
        .setAccountCreationSchema(accountCreationSchema())
        .build();
  }

  /**
   * What CreateAccount reads from the account profile: the roles of the invitation (required by
   * Cloudflare) and, as the Go connector had them, optional names. The email comes from the account
   * info's emails.
   */
  public static ConnectorAccountCreationSchema accountCreationSchema() {
    return ConnectorAccountCreationSchema.newBuilder()
        .putFieldMap(
            SCHEMA_ROLES,
            Field.newBuilder()
                .setDisplayName("Roles")
                .setRequired(true)
                .setDescription(
                    "Cloudflare account role ids (or exact role names) for the invitation")
                .setPlaceholder("Administrator Read Only")
                .setOrder(1)
                .setStringListField(
                    ConnectorAccountCreationSchema.StringListField.getDefaultInstance())
                .build())
        .putFieldMap(
            SCHEMA_FIRST_NAME,
            Field.newBuilder()
                .setDisplayName("First name")
                .setDescription(
                    "Informational: Cloudflare takes names from the person's own profile")
                .setOrder(2)
                .setStringField(ConnectorAccountCreationSchema.StringField.getDefaultInstance())
                .build())
        .putFieldMap(
            SCHEMA_LAST_NAME,
            Field.newBuilder()
                .setDisplayName("Last name")
                .setDescription(
                    "Informational: Cloudflare takes names from the person's own profile")
                .setOrder(3)
                .setStringField(ConnectorAccountCreationSchema.StringField.getDefaultInstance())
                .build())
        .build();
  }

  private static CapabilityPermissions unpack(com.google.protobuf.Any a) {
    try {
      return a.unpack(CapabilityPermissions.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
