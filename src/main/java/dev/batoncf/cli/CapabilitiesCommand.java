package dev.batoncf.cli;

import com.google.protobuf.Any;
import dev.batoncf.connector.Metadata;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code capabilities}: Baton's ConnectorCapabilities, wrapped in an Any, as protojson. */
@Command(
    name = "capabilities",
    mixinStandardHelpOptions = true,
    description = "Print what the connector can do (baton_capabilities.json).")
final class CapabilitiesCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Override
  public Integer call() {
    root.context().out().println(ProtoJson.pretty(Any.pack(Metadata.capabilities())));
    root.context().out().flush();
    return ExitCodes.OK;
  }
}
