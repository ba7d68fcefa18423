package dev.batoncf.cli;

import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.sync.SyncScope;
import dev.batoncf.sync.TargetIds;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Baton's sync scoping flags (baton-sdk {@code pkg/field/defaults.go}), for the one-shot sync. */
public final class SyncScopeOptions {
  @Option(
      names = "--sync-resources",
      paramLabel = "RESOURCE",
      split = ",",
      description =
          "Targeted (partial) sync of these resources only: <type>:<id> or Baton's "
              + "bid:r:<type>/<id>, comma-separated or repeated")
  List<String> syncResources = new ArrayList<>();

  @Option(
      names = "--sync-resource-types",
      paramLabel = "TYPE",
      split = ",",
      description = "Sync only these resource types, e.g. user,role")
  List<String> syncResourceTypes = new ArrayList<>();

  @Option(
      names = "--skip-entitlements-and-grants",
      description = "Write resource types and resources only (a resources_only sync)")
  boolean skipEntitlementsAndGrants;

  @Option(
      names = "--skip-grants",
      description = "With --sync-resources: write the resources and entitlements, no grants")
  boolean skipGrants;

  boolean any() {
    return !syncResources.isEmpty()
        || !syncResourceTypes.isEmpty()
        || skipEntitlementsAndGrants
        || skipGrants;
  }

  /**
   * The scope these flags ask for, checked against the connector's types.
   *
   * @throws ErrorReporter.UsageException (exit 2) naming the first bad value
   */
  SyncScope scope(List<ResourceType> types) {
    List<String> known = types.stream().map(ResourceType::getId).toList();
    try {
      List<ResourceId> targets = new ArrayList<>();
      for (String s : syncResources) {
        targets.add(TargetIds.parse(s));
      }
      List<String> typeIds = syncResourceTypes.stream().map(String::trim).toList();
      return SyncScope.of(typeIds, targets, skipEntitlementsAndGrants, skipGrants, known);
    } catch (IllegalArgumentException e) {
      throw new ErrorReporter.UsageException(e.getMessage());
    }
  }
}
