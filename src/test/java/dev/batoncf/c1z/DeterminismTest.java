package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Struct;
import com.google.protobuf.WireFormat;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantSources;
import dev.batoncf.pb.connector.v2.Resource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

  @TempDir Path dir;

  private static final List<String> KEYS =
      List.of("zeta", "alpha", "mid", "beta", "omega", "delta");

  /** The same profile, built by inserting keys in the given order. */
  private static Resource userWithProfileOrder(List<String> order) {
    Struct.Builder profile = Struct.newBuilder();
    for (String key : order) {
      profile.putFields(key, Fixtures.str("v-" + key));
    }
    return Fixtures.user("u-1", "one@example.com").toBuilder().setProfile(profile).build();
  }

  private static Grant grantWithSourcesOrder(List<String> order) {
    GrantSources.Builder sources = GrantSources.newBuilder();
    for (String key : order) {
      sources.putSources(
          "group:" + key,
          GrantSources.GrantSource.newBuilder().setIsDirect(key.length() % 2 == 0).build());
    }
    Resource group = Fixtures.group("g-1");
    return Fixtures.grant(Fixtures.member(group), Fixtures.user("u-1", "one@example.com"))
        .toBuilder()
        .setSources(sources)
        .build();
  }

  @Test
  void same_objects_give_identical_blobs_across_files_whatever_the_map_insertion_order()
      throws Exception {
    List<String> reversed = new ArrayList<>(KEYS);
    java.util.Collections.reverse(reversed);
    Resource a = userWithProfileOrder(KEYS);
    Resource b = userWithProfileOrder(reversed);
    assertEquals(a, b, "equal messages");
    // Java's default serialization follows insertion order, so this is what the test guards
    // against:
    assertFalse(
        Arrays.equals(a.toByteArray(), b.toByteArray()),
        "default encoding differs by insertion order");

    byte[] first = write("first.c1z", a, grantWithSourcesOrder(KEYS));
    byte[] second = write("second.c1z", b, grantWithSourcesOrder(reversed));
    assertArrayEquals(first, second);
    assertArrayEquals(blob("first.c1z", "v1_grants"), blob("second.c1z", "v1_grants"));
  }

  @Test
  void struct_keys_are_stored_in_sorted_order() throws Exception {
    byte[] data = write("sorted.c1z", userWithProfileOrder(KEYS), grantWithSourcesOrder(KEYS));
    Resource stored = Resource.parseFrom(data);
    List<String> keysOnDisk = mapKeysInWireOrder(stored.getProfile().toByteString().toByteArray());
    assertEquals(List.of("alpha", "beta", "delta", "mid", "omega", "zeta"), keysOnDisk);
    // The bytes of the profile inside the blob are exactly the sorted encoding.
    assertArrayEquals(ProtoRows.deterministicBytes(stored.getProfile()), profileBytesInBlob(data));
  }

  private byte[] write(String name, Resource resource, Grant grant) throws Exception {
    try (C1zWriter writer = C1zWriter.create(dir.resolve(name), dir, Fixtures.fixedClock())) {
      writer.putResourceType(Fixtures.userType());
      writer.putResource(resource);
      writer.putGrant(grant);
      writer.finish();
    }
    return blob(name, "v1_resources");
  }

  private byte[] blob(String name, String table) throws Exception {
    Path db = dir.resolve(name + "-" + table + ".db");
    RawC1z.extract(dir.resolve(name), db);
    try (Connection c = RawC1z.open(db);
        PreparedStatement st = c.prepareStatement("select data from " + table);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getBytes(1);
    }
  }

  /** Reads a Struct's map entries (field 1) in the order they appear on the wire. */
  private static List<String> mapKeysInWireOrder(byte[] struct) throws Exception {
    List<String> keys = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(struct);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      CodedInputStream entry = CodedInputStream.newInstance(in.readByteArray());
      for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
        if (WireFormat.getTagFieldNumber(t) == 1) {
          keys.add(entry.readString());
        } else {
          entry.skipField(t);
        }
      }
    }
    return keys;
  }

  /** The raw bytes of Resource.profile (field 9) as they sit in the stored blob. */
  private static byte[] profileBytesInBlob(byte[] resource) throws Exception {
    CodedInputStream in = CodedInputStream.newInstance(resource);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == Resource.PROFILE_FIELD_NUMBER) {
        return in.readByteArray();
      }
      in.skipField(tag);
    }
    throw new AssertionError("no profile in blob");
  }
}
