package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.EventServiceGrpc;
import dev.batoncf.pb.connector.v2.ListEventFeedsRequest;
import dev.batoncf.pb.connector.v2.ListEventFeedsResponse;
import dev.batoncf.pb.connector.v2.ListEventsRequest;
import dev.batoncf.pb.connector.v2.ListEventsResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.EventService over {@link EventFeed}. */
final class EventServiceImpl extends EventServiceGrpc.EventServiceImplBase {
  private final EventFeed feed;
  private final Rpc rpc;

  EventServiceImpl(EventFeed feed, Rpc rpc) {
    this.feed = feed;
    this.rpc = rpc;
  }

  @Override
  public void listEvents(ListEventsRequest req, StreamObserver<ListEventsResponse> out) {
    rpc.unary(out, () -> feed.listEvents(req));
  }

  @Override
  public void listEventFeeds(
      ListEventFeedsRequest req, StreamObserver<ListEventFeedsResponse> out) {
    rpc.unary(out, feed::listEventFeeds);
  }
}
