package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.pb.baton.v1.EntitlementOutput;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code entitlements}: the entitlements of the latest finished sync in a c1z file. JSON is Baton's
 * shape: {@code {"entitlements":[{"entitlement","resource","resourceType"}]}}.
 */
@Command(
    name = "entitlements",
    mixinStandardHelpOptions = true,
    description = "List the entitlements in a c1z file.")
final class EntitlementsCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Mixin ReaderOptions reader = new ReaderOptions();

  @Option(
      names = {"-t", "--resource-type"},
      paramLabel = "TYPE",
      description = "Only entitlements of this resource type")
  String type;

  @Option(
      names = "--resource-id",
      paramLabel = "ID",
      description = "Only entitlements of this resource")
  String resourceId;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.context();
    try (C1zReader r = reader.open(ctx.env());
        Listing<EntitlementOutput> out =
            new Listing<>(
                ctx.out(),
                reader.json(),
                "entitlements",
                List.of(
                    new Listing.Column<EntitlementOutput>(
                        "ID", 52, e -> e.getEntitlement().getId()),
                    new Listing.Column<EntitlementOutput>(
                        "DISPLAY NAME", 48, e -> e.getEntitlement().getDisplayName()),
                    new Listing.Column<EntitlementOutput>(
                        "GRANTABLE TO",
                        0,
                        e ->
                            e.getEntitlement().getGrantableToList().stream()
                                .map(ResourceType::getId)
                                .collect(Collectors.joining(",")))))) {
      OutputRows rows = new OutputRows(r);
      r.forEachEntitlement(type, resourceId, e -> out.add(rows.entitlement(e)));
    }
    return ExitCodes.OK;
  }
}
