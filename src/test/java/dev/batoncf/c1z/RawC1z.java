package dev.batoncf.c1z;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Test-side access to a c1z's raw database, done independently of {@link C1zReader} so format tests
 * do not trust the code they check.
 */
final class RawC1z {

  static final byte[] MAGIC = {'C', '1', 'Z', 'F', 0};

  private RawC1z() {}

  /** Checks the magic and decodes the single zstd payload into {@code dbOut}. */
  static Path extract(Path c1z, Path dbOut) throws IOException {
    byte[] bytes = Files.readAllBytes(c1z);
    if (!Arrays.equals(Arrays.copyOf(bytes, 5), MAGIC)) {
      throw new AssertionError("bad magic in " + c1z);
    }
    try (InputStream in =
        new ZstdInputStream(new ByteArrayInputStream(bytes, 5, bytes.length - 5))) {
      Files.copy(in, dbOut);
    }
    return dbOut;
  }

  static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  /** Packs a raw SQLite file as a c1z v1 file, the way another writer (e.g. Baton) would. */
  static void pack(Path db, Path c1z) throws IOException {
    try (OutputStream out = Files.newOutputStream(c1z)) {
      out.write(MAGIC);
      try (ZstdOutputStream z = new ZstdOutputStream(out, 1)) {
        Files.copy(db, z);
      }
    }
  }
}
