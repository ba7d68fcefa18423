package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.protobuf.Timestamp;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.pb.connector.v2.Capability;
import dev.batoncf.pb.connector.v2.ConnectorServiceGetMetadataRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.Event;
import dev.batoncf.pb.connector.v2.EventServiceGrpc;
import dev.batoncf.pb.connector.v2.EventType;
import dev.batoncf.pb.connector.v2.ListEventFeedsRequest;
import dev.batoncf.pb.connector.v2.ListEventFeedsResponse;
import dev.batoncf.pb.connector.v2.ListEventsRequest;
import dev.batoncf.pb.connector.v2.ListEventsResponse;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimMember;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EventService over a real gRPC server and client, fed by the simulator's audit log: the feed
 * advertised, the events each write yields (Baton's types and fields), cursor paging, no event
 * twice across the overlap, and refused cursors and requests.
 */
class EventFeedTest {
  private ServerFixture f;
  private EventServiceGrpc.EventServiceBlockingStub events;

  @BeforeEach
  void start() {
    f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults());
    events = EventServiceGrpc.newBlockingStub(f.channel());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void theAuditLogFeedIsAdvertised() {
    ListEventFeedsResponse feeds =
        events.listEventFeeds(ListEventFeedsRequest.getDefaultInstance());
    assertEquals(1, feeds.getListCount());
    assertEquals("cloudflare_audit_log", feeds.getList(0).getId());
    assertEquals(
        List.of(
            EventType.EVENT_TYPE_RESOURCE_CHANGE,
            EventType.EVENT_TYPE_CREATE_GRANT,
            EventType.EVENT_TYPE_CREATE_REVOKE),
        feeds.getList(0).getSupportedEventTypesList());
    assertTrue(
        ConnectorServiceGrpc.newBlockingStub(f.channel())
            .getMetadata(ConnectorServiceGetMetadataRequest.getDefaultInstance())
            .getMetadata()
            .getCapabilities()
            .getConnectorCapabilitiesList()
            .contains(Capability.CAPABILITY_EVENT_FEED_V2));
    assertEquals(0, f.sim.requests().total(), "listing feeds costs no request");
  }

  @Test
  void writesBecomeEventsPagedByCursorAndNoneComesTwice() {
    Instant start = Instant.now().minusSeconds(5);
    ListEventsResponse first =
        events.listEvents(ListEventsRequest.newBuilder().setStartAt(ts(start)).build());
    assertEquals(0, first.getEventsCount());
    assertFalse(first.getHasMore());

    SimMember jose = f.sim.account().member(Seeds.DEMO_MEMBER_JOSE).orElseThrow();
    f.client.replaceMemberRoles(Seeds.DEMO_MEMBER_ZOE, List.of(Seeds.ROLE_DNS));
    Member invited = f.client.inviteMember("feed.check@acme.example", List.of(Seeds.ROLE_DNS));
    f.client.deleteMember(Seeds.DEMO_MEMBER_JOSE);
    String group = f.sim.account().groups().get(0).get("id").getAsString();
    JsonObject body = f.sim.account().groups().get(0).deepCopy();
    body.addProperty("name", "Renamed by the feed test");
    f.client.replaceAccessGroup(group, body);

    List<String> expected =
        new ArrayList<>(
            List.of(
                "change user:" + Seeds.DEMO_USER_ZOE,
                "grant role:" + Seeds.ROLE_DNS + ":member user:" + Seeds.DEMO_USER_ZOE,
                "change invitation:" + invited.id(),
                "change user:" + Seeds.DEMO_USER_JOSE));
    jose.roleIds()
        .forEach(r -> expected.add("revoke role:" + r + ":member user:" + Seeds.DEMO_USER_JOSE));
    expected.add("change group:" + group);

    List<String> got = new ArrayList<>();
    String cursor = first.getCursor();
    int pages = 0;
    boolean more = true;
    while (more) {
      ListEventsResponse r =
          events.listEvents(
              ListEventsRequest.newBuilder().setCursor(cursor).setPageSize(2).build());
      r.getEventsList().forEach(e -> got.add(describe(e)));
      r.getEventsList()
          .forEach(
              e ->
                  assertTrue(
                      e.getOccurredAt().getSeconds() >= start.getEpochSecond(), e.toString()));
      assertFalse(r.getCursor().isEmpty());
      assertTrue(r.getCursor().length() <= 4096);
      cursor = r.getCursor();
      more = r.getHasMore();
      pages++;
    }
    assertEquals(expected, got);
    assertEquals(2, pages, "4 audit records, 2 per page");
    assertEquals(1 + 2, f.sim.requests().count("GET", Paths.AUDIT_LOGS), "one page per call");

    // the next window overlaps the last 30 seconds: nothing is sent again
    ListEventsResponse again =
        events.listEvents(ListEventsRequest.newBuilder().setCursor(cursor).build());
    assertEquals(List.of(), again.getEventsList());
    assertFalse(again.getHasMore());
  }

  @Test
  void badCursorsAndRequestsAreRefused() {
    String cursor = events.listEvents(ListEventsRequest.getDefaultInstance()).getCursor();
    String tampered = (cursor.charAt(0) == 'e' ? "f" : "e") + cursor.substring(1);
    ListingContractTest.assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> events.listEvents(ListEventsRequest.newBuilder().setCursor(tampered).build()));
    ListingContractTest.assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> events.listEvents(ListEventsRequest.newBuilder().setCursor("x.y").build()));
    ListingContractTest.assertCode(
        Status.Code.NOT_FOUND,
        () -> events.listEvents(ListEventsRequest.newBuilder().setEventFeedId("other").build()));
    ListingContractTest.assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> events.listEvents(ListEventsRequest.newBuilder().setPageSize(1001).build()));
    ListingContractTest.assertCode(
        Status.Code.FAILED_PRECONDITION,
        () ->
            events.listEvents(
                ListEventsRequest.newBuilder()
                    .setStartAt(ts(Instant.now().minusSeconds(31L * 24 * 3600)))
                    .build()));
    // a cursor signed for another credential is not ours either
    EventCursors other = new EventCursors("another-token", f.sim.account().id());
    String foreign =
        other.encode(
            new EventCursors.State("cloudflare_audit_log", Instant.now(), null, null, List.of()));
    ListingContractTest.assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> events.listEvents(ListEventsRequest.newBuilder().setCursor(foreign).build()));
    // and one for the same credential and account is accepted by a new server (a restart)
    EventCursors same = new EventCursors(Seeds.DEMO_API_TOKEN, f.sim.account().id());
    String ours =
        same.encode(
            new EventCursors.State("cloudflare_audit_log", Instant.now(), null, null, List.of()));
    assertEquals(
        0,
        events.listEvents(ListEventsRequest.newBuilder().setCursor(ours).build()).getEventsCount());
  }

  private static String describe(Event e) {
    return switch (e.getEventCase()) {
      case RESOURCE_CHANGE_EVENT ->
          "change "
              + e.getResourceChangeEvent().getResourceId().getResourceType()
              + ":"
              + e.getResourceChangeEvent().getResourceId().getResource();
      case CREATE_REVOKE_EVENT ->
          "revoke "
              + e.getCreateRevokeEvent().getEntitlement().getId()
              + " "
              + e.getCreateRevokeEvent().getPrincipal().getId().getResourceType()
              + ":"
              + e.getCreateRevokeEvent().getPrincipal().getId().getResource();
      case CREATE_GRANT_EVENT ->
          "grant "
              + e.getCreateGrantEvent().getEntitlement().getId()
              + " "
              + e.getCreateGrantEvent().getPrincipal().getId().getResourceType()
              + ":"
              + e.getCreateGrantEvent().getPrincipal().getId().getResource();
      default -> e.getEventCase().toString();
    };
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
