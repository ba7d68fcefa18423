import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints field-numbers.tsv from a descriptor set that protoc built out of Baton's own protos
 * (see the header of field-numbers.tsv for the exact commands). Run once by hand, not by the
 * build: {@code java -cp protobuf-java.jar GenerateFieldNumbers.java baton.pb > field-numbers.tsv}.
 */
public class GenerateFieldNumbers {
  public static void main(String[] args) throws Exception {
    FileDescriptorSet set;
    try (InputStream in = new FileInputStream(args[0])) {
      set = FileDescriptorSet.parseFrom(in);
    }
    List<String> rows = new ArrayList<>();
    for (FileDescriptorProto f : set.getFileList()) {
      String pkg = f.getPackage();
      if (!pkg.startsWith("c1.") && !pkg.equals("baton.v1")) {
        continue;
      }
      for (DescriptorProto m : f.getMessageTypeList()) {
        message(pkg + "." + m.getName(), m, rows);
      }
      for (EnumDescriptorProto e : f.getEnumTypeList()) {
        enumRows(pkg + "." + e.getName(), e, rows);
      }
    }
    rows.forEach(System.out::println);
  }

  static void message(String name, DescriptorProto m, List<String> rows) {
    rows.add(String.join("\t", name, "-", "0", "message", "")); // the message itself, fields or not
    for (FieldDescriptorProto fd : m.getFieldList()) {
      String type = fd.hasTypeName() ? fd.getTypeName().substring(1)
          : fd.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
      String label = fd.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED ? "repeated"
          : fd.getProto3Optional() ? "optional" : "singular";
      rows.add(String.join("\t", name, fd.getName(), Integer.toString(fd.getNumber()), type, label));
    }
    for (DescriptorProto n : m.getNestedTypeList()) {
      message(name + "." + n.getName(), n, rows);
    }
    for (EnumDescriptorProto e : m.getEnumTypeList()) {
      enumRows(name + "." + e.getName(), e, rows);
    }
  }

  static void enumRows(String name, EnumDescriptorProto e, List<String> rows) {
    rows.add(String.join("\t", name, "-", "0", "enum", ""));
    for (EnumValueDescriptorProto v : e.getValueList()) {
      rows.add(String.join("\t", name, v.getName(), Integer.toString(v.getNumber()), "enum_value", ""));
    }
  }
}
