package dev.batoncf.connector;

import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;

/** Where syncers put what they derive from a page; the sync engine streams it to the store. */
public interface RowSink {
  void resource(Resource resource);

  void entitlement(Entitlement entitlement);

  void grant(Grant grant);
}
