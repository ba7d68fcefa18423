package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.pb.connector.v2.Resource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code resources}: the resources of the latest finished sync in a c1z file. */
@Command(name = "resources", mixinStandardHelpOptions = true,
    description = "List the resources in a c1z file.")
final class ResourcesCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Option(names = {"-t", "--resource-type"}, paramLabel = "TYPE", description = "Only this resource type")
  String type;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.context();
    try (C1zReader r = reader.open(ctx.env());
         Listing<Resource> out = new Listing<>(ctx.out(), reader.json(), List.of(
             new Listing.Column<Resource>("TYPE", 14, x -> x.getId().getResourceType()),
             new Listing.Column<Resource>("ID", 38, x -> x.getId().getResource()),
             new Listing.Column<Resource>("DISPLAY NAME", 40, Resource::getDisplayName),
             new Listing.Column<Resource>("STATUS", 0, x -> x.getStatus().getDetails())))) {
      r.forEachResource(type, out::add);
    }
    return ExitCodes.OK;
  }
}
