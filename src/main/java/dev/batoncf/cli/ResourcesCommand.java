package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.pb.baton.v1.ResourceOutput;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code resources}: the resources of the latest finished sync in a c1z file. JSON is Baton's
 * {@code baton resources -o json} shape: {@code
 * {"resources":[{"resource","resourceType","parent"}]}}.
 */
@Command(
    name = "resources",
    mixinStandardHelpOptions = true,
    description = "List the resources in a c1z file.")
final class ResourcesCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Mixin ReaderOptions reader = new ReaderOptions();

  @Option(
      names = {"-t", "--resource-type"},
      paramLabel = "TYPE",
      description = "Only this resource type")
  String type;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.context();
    try (C1zReader r = reader.open(ctx.env());
        Listing<ResourceOutput> out =
            new Listing<>(
                ctx.out(),
                reader.json(),
                "resources",
                List.of(
                    new Listing.Column<ResourceOutput>(
                        "TYPE", 14, x -> x.getResource().getId().getResourceType()),
                    new Listing.Column<ResourceOutput>(
                        "ID", 38, x -> x.getResource().getId().getResource()),
                    new Listing.Column<ResourceOutput>(
                        "DISPLAY NAME", 40, x -> x.getResource().getDisplayName()),
                    new Listing.Column<ResourceOutput>(
                        "STATUS", 0, x -> x.getResource().getStatus().getDetails())))) {
      OutputRows rows = new OutputRows(r);
      r.forEachResource(type, res -> out.add(rows.resource(res)));
    }
    return ExitCodes.OK;
  }
}
