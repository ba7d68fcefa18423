package dev.batoncf.service;

import dev.batoncf.action.ActionRegistry;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.pb.connector.v2.AccountManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.ActionServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceDeleterServiceGrpc;
import dev.batoncf.server.ActionServiceImpl;
import dev.batoncf.server.ConnectorServer;
import dev.batoncf.server.ServerOptions;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Our own {@code serve} services, started inside the process on an in-process transport, so a task
 * reaches exactly the code (and gets exactly the answers, idempotency annotations and refusals) a
 * governance host gets over the network. This is how Baton's SDK runs a connector in service mode,
 * too: the task manager calls the connector through its gRPC client.
 */
final class LocalConnector implements AutoCloseable {
  private final ConnectorServer server;
  private final ManagedChannel channel;

  LocalConnector(CloudflareConnector connector, boolean provisioning) {
    String name = "baton-cloudflare-service-" + UUID.randomUUID();
    this.server =
        new ConnectorServer(
            InProcessServerBuilder.forName(name),
            connector,
            ServerOptions.defaults().withProvisioning(provisioning),
            List.of(
                new ActionServiceImpl(
                    ActionRegistry.standard(),
                    new SecurityClient(connector.client()),
                    provisioning)));
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the in-process connector", e);
    }
    this.channel = InProcessChannelBuilder.forName(name).build();
  }

  ConnectorServiceGrpc.ConnectorServiceBlockingStub connector() {
    return ConnectorServiceGrpc.newBlockingStub(channel);
  }

  GrantManagerServiceGrpc.GrantManagerServiceBlockingStub grants() {
    return GrantManagerServiceGrpc.newBlockingStub(channel);
  }

  AccountManagerServiceGrpc.AccountManagerServiceBlockingStub accounts() {
    return AccountManagerServiceGrpc.newBlockingStub(channel);
  }

  ResourceDeleterServiceGrpc.ResourceDeleterServiceBlockingStub deleter() {
    return ResourceDeleterServiceGrpc.newBlockingStub(channel);
  }

  ActionServiceGrpc.ActionServiceBlockingStub actions() {
    return ActionServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdown(Duration.ofSeconds(5));
  }
}
