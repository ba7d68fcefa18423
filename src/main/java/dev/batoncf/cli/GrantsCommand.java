package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.pb.baton.v1.GrantOutput;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code grants}: who holds what, from the latest finished sync in a c1z file, grants derived by
 * expansion included. JSON is Baton's shape: {@code
 * {"grants":[{"grant","entitlement","resource","resourceType","principal"}]}}.
 */
@Command(
    name = "grants",
    mixinStandardHelpOptions = true,
    description = "List the grants in a c1z file.")
final class GrantsCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Mixin ReaderOptions reader = new ReaderOptions();

  @Option(
      names = {"-e", "--entitlement"},
      paramLabel = "ID",
      description = "Only grants of this entitlement")
  String entitlement;

  @Option(
      names = "--principal-type",
      paramLabel = "TYPE",
      description = "Only grants to principals of this type")
  String principalType;

  @Option(
      names = "--principal-id",
      paramLabel = "ID",
      description = "Only grants to this principal")
  String principalId;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.context();
    GrantFilter filter = new GrantFilter(null, null, entitlement, principalType, principalId);
    try (C1zReader r = reader.open(ctx.env());
        Listing<GrantOutput> out =
            new Listing<>(
                ctx.out(),
                reader.json(),
                "grants",
                List.of(
                    new Listing.Column<GrantOutput>(
                        "ENTITLEMENT", 52, g -> g.getGrant().getEntitlement().getId()),
                    new Listing.Column<GrantOutput>(
                        "PRINCIPAL",
                        0,
                        g ->
                            g.getGrant().getPrincipal().getId().getResourceType()
                                + ":"
                                + g.getGrant().getPrincipal().getId().getResource())))) {
      OutputRows rows = new OutputRows(r);
      r.forEachGrant(filter, g -> out.add(rows.grant(g)));
    }
    return ExitCodes.OK;
  }
}
