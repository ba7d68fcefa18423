package dev.batoncf.service;

import dev.batoncf.pb.connector.v2.ConnectorServiceGetMetadataRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHelloRequest;

/**
 * BatonService/Hello: the connector's metadata (from its own GetMetadata, as Baton's SDK asks it),
 * build and OS info. Sent at startup without a task id, and again for a Hello task with its id.
 */
final class HelloSender {
  private final BatonHost host;
  private final LocalConnector local;
  private final String version;

  HelloSender(BatonHost host, LocalConnector local, String version) {
    this.host = host;
    this.local = local;
    this.version = version;
  }

  void send(String taskId) {
    var metadata =
        local
            .connector()
            .getMetadata(ConnectorServiceGetMetadataRequest.getDefaultInstance())
            .getMetadata();
    host.hello(
        BatonServiceHelloRequest.newBuilder()
            .setTaskId(taskId)
            .setBuildInfo(HostInfo.buildInfo(version))
            .setOsInfo(HostInfo.osInfo())
            .setConnectorMetadata(metadata));
  }
}
