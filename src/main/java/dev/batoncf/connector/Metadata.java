package dev.batoncf.connector;

import dev.batoncf.pb.connector.v2.Capability;
import dev.batoncf.pb.connector.v2.CapabilityPermissions;
import dev.batoncf.pb.connector.v2.ConnectorCapabilities;
import dev.batoncf.pb.connector.v2.ConnectorMetadata;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.ResourceTypeCapability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Connector metadata and the capabilities actually implemented, per resource type. */
public final class Metadata {
  public static final String DISPLAY_NAME = "Cloudflare";
  public static final String DESCRIPTION = "Cloudflare account members, invitations, roles and "
      + "API tokens, and Zero Trust Access users and groups.";

  private Metadata() {}

  /** What each type supports; the connector-level list is their sorted union. */
  static Map<ResourceType, Set<Capability>> perType() {
    Map<ResourceType, Set<Capability>> m = new LinkedHashMap<>();
    m.put(ResourceTypes.USER, EnumSet.of(Capability.CAPABILITY_SYNC));
    m.put(ResourceTypes.INVITATION, EnumSet.of(Capability.CAPABILITY_SYNC));
    m.put(ResourceTypes.ROLE, EnumSet.of(Capability.CAPABILITY_SYNC));
    m.put(ResourceTypes.API_TOKEN, EnumSet.of(Capability.CAPABILITY_SYNC));
    return m;
  }

  public static ConnectorCapabilities capabilities() {
    ConnectorCapabilities.Builder b = ConnectorCapabilities.newBuilder();
    Set<Capability> all = new TreeSet<>();
    for (Map.Entry<ResourceType, Set<Capability>> e : perType().entrySet()) {
      List<Capability> caps = new ArrayList<>(new TreeSet<>(e.getValue()));
      all.addAll(caps);
      ResourceTypeCapability.Builder rc = ResourceTypeCapability.newBuilder()
          .setResourceType(e.getKey())
          .addAllCapabilities(caps);
      e.getKey().getAnnotationsList().stream()
          .filter(a -> a.is(CapabilityPermissions.class))
          .findFirst()
          .ifPresent(a -> rc.setPermissions(unpack(a)));
      b.addResourceTypeCapabilities(rc);
    }
    all.add(Capability.CAPABILITY_ACTIONS); // connector-level: the security actions (action package)
    b.addAllConnectorCapabilities(all);
    return b.build();
  }

  public static ConnectorMetadata metadata() {
    return ConnectorMetadata.newBuilder()
        .setDisplayName(DISPLAY_NAME)
        .setDescription(DESCRIPTION)
        .setCapabilities(capabilities())
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
