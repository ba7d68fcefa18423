package dev.batoncf.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.batoncf.pb.baton.v1.OutputsProto;
import dev.batoncf.pb.config.v1.ConfigProto;
import dev.batoncf.pb.config.v1.RulesProto;
import dev.batoncf.pb.connector.v2.ActionProto;
import dev.batoncf.pb.connector.v2.AssetProto;
import dev.batoncf.pb.connector.v2.ConnectorProto;
import dev.batoncf.pb.connector.v2.EntitlementProto;
import dev.batoncf.pb.connector.v2.ExternalLinkProto;
import dev.batoncf.pb.connector.v2.GrantAnnotationProto;
import dev.batoncf.pb.connector.v2.GrantProto;
import dev.batoncf.pb.connector.v2.RateLimitProto;
import dev.batoncf.pb.connector.v2.ResourceAnnotationProto;
import dev.batoncf.pb.connector.v2.ResourceProto;
import dev.batoncf.pb.connector.v2.ResourceTreeProto;
import dev.batoncf.pb.connector.v2.SecurityInsightProto;
import dev.batoncf.pb.connector.v2.TraitProto;
import dev.batoncf.pb.connector.v2.V1IdentifierProto;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every message we share with Baton keeps Baton's field numbers, types and labels exactly, field by
 * field, from the descriptors of our generated classes against a table generated from Baton's own
 * protos ({@code baton/field-numbers.tsv}); what we leave out is listed on purpose ({@code
 * baton/omitted-fields.txt}).
 */
class BatonFieldNumbersTest {

  /**
   * Our descriptors: every file that shares a package with Baton (baton.cloudflare.v1 is ours
   * alone).
   */
  private static final List<FileDescriptor> OURS =
      List.of(
          ActionProto.getDescriptor(),
          AssetProto.getDescriptor(),
          ConnectorProto.getDescriptor(),
          EntitlementProto.getDescriptor(),
          ExternalLinkProto.getDescriptor(),
          GrantAnnotationProto.getDescriptor(),
          GrantProto.getDescriptor(),
          RateLimitProto.getDescriptor(),
          ResourceAnnotationProto.getDescriptor(),
          ResourceProto.getDescriptor(),
          ResourceTreeProto.getDescriptor(),
          SecurityInsightProto.getDescriptor(),
          TraitProto.getDescriptor(),
          V1IdentifierProto.getDescriptor(),
          ConfigProto.getDescriptor(),
          RulesProto.getDescriptor(),
          OutputsProto.getDescriptor(),
          dev.batoncf.pb.connector.v2.EventFeedProto.getDescriptor());

  /**
   * Names that differ on purpose (design.md §8): Baton's enum UserTrait.Status.Status is rejected
   * by protoc's Java generator. Names are not on the wire; numbers are checked as usual.
   */
  private static final Map<String, String> RENAMED =
      Map.of(
          "c1.connector.v2.UserTrait.Status.StatusValue",
          "c1.connector.v2.UserTrait.Status.Status");

  private record Row(int number, String type, String label) {}

  @Test
  void every_field_and_enum_value_we_have_is_batons() throws IOException {
    Map<String, Map<String, Row>> baton = batonTable();
    Map<String, Map<String, Row>> ours = ours();
    List<String> problems = new ArrayList<>();
    ours.forEach(
        (type, fields) -> {
          Map<String, Row> theirs = baton.get(type);
          if (theirs == null) {
            problems.add(type + ": not in Baton's protos");
            return;
          }
          fields.forEach(
              (name, row) -> {
                Row expected = theirs.get(name);
                if (!row.equals(expected)) {
                  problems.add(type + "." + name + ": ours " + row + ", Baton's " + expected);
                }
              });
        });
    assertEquals(List.of(), problems);
    assertTrue(ours.size() > 120, "the check saw our messages: " + ours.size());
  }

  @Test
  void baton_fields_we_leave_out_are_the_listed_ones() throws IOException {
    Map<String, Map<String, Row>> baton = batonTable();
    Map<String, Map<String, Row>> ours = ours();
    TreeSet<String> omitted = new TreeSet<>();
    ours.forEach(
        (type, fields) ->
            baton.getOrDefault(type, Map.of()).keySet().stream()
                .filter(name -> !fields.containsKey(name))
                .forEach(name -> omitted.add(type + "." + name)));
    assertEquals(listed(), omitted);
  }

  private static Map<String, Map<String, Row>> ours() {
    Map<String, Map<String, Row>> out = new LinkedHashMap<>();
    for (FileDescriptor f : OURS) {
      f.getMessageTypes().forEach(m -> message(m, out));
      f.getEnumTypes().forEach(e -> enumRows(e, out));
    }
    return out;
  }

  private static void message(Descriptor m, Map<String, Map<String, Row>> out) {
    Map<String, Row> rows = out.computeIfAbsent(name(m.getFullName()), k -> new LinkedHashMap<>());
    rows.put("-", new Row(0, "message", ""));
    for (FieldDescriptor f : m.getFields()) {
      FieldDescriptorProto p = f.toProto();
      String type =
          switch (f.getType()) {
            case MESSAGE -> name(f.getMessageType().getFullName());
            case ENUM -> name(f.getEnumType().getFullName());
            default -> p.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
          };
      String label = f.isRepeated() ? "repeated" : p.getProto3Optional() ? "optional" : "singular";
      rows.put(f.getName(), new Row(f.getNumber(), type, label));
    }
    m.getNestedTypes().forEach(n -> message(n, out));
    m.getEnumTypes().forEach(e -> enumRows(e, out));
  }

  private static void enumRows(EnumDescriptor e, Map<String, Map<String, Row>> out) {
    Map<String, Row> rows = out.computeIfAbsent(name(e.getFullName()), k -> new LinkedHashMap<>());
    rows.put("-", new Row(0, "enum", ""));
    for (EnumValueDescriptor v : e.getValues()) {
      rows.put(v.getName(), new Row(v.getNumber(), "enum_value", ""));
    }
  }

  private static String name(String fullName) {
    return RENAMED.getOrDefault(fullName, fullName);
  }

  private static Map<String, Map<String, Row>> batonTable() throws IOException {
    Map<String, Map<String, Row>> out = new LinkedHashMap<>();
    for (String line : lines("/baton/field-numbers.tsv")) {
      String[] c = line.split("\t", -1);
      assertEquals(5, c.length, line);
      out.computeIfAbsent(c[0], k -> new LinkedHashMap<>())
          .put(c[1], new Row(Integer.parseInt(c[2]), c[3], c[4]));
    }
    assertTrue(out.size() > 250, "Baton's table is loaded: " + out.size());
    return out;
  }

  private static TreeSet<String> listed() throws IOException {
    return new TreeSet<>(lines("/baton/omitted-fields.txt"));
  }

  private static List<String> lines(String resource) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = BatonFieldNumbersTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, resource);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    }
    return out;
  }
}
