package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.connector.ProfileKeys;
import dev.batoncf.connector.Protos;
import dev.batoncf.provision.MembershipChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads profile values (membership id, email) of a principal from the last synced c1z, as Baton's
 * one-shot grant does, so provisioning needs no lookup. A missing or unreadable file only costs
 * that lookup.
 */
final class MemberHints implements MembershipChanges.Hints {
  private static final Logger log = LoggerFactory.getLogger(MemberHints.class);
  private final Path file;

  MemberHints(Path file) {
    this.file = file;
  }

  String memberId(String userId) {
    return profile("user", userId, ProfileKeys.MEMBER_ID);
  }

  @Override
  public String profile(String type, String id, String key) {
    if (file == null || !Files.isRegularFile(file) || id == null) {
      return null;
    }
    String[] found = new String[1];
    try (C1zReader r = C1zReader.open(file)) {
      r.forEachResource(
          type,
          res -> {
            if (found[0] == null && id.equals(res.getId().getResource())) {
              found[0] = Protos.profileString(res.getProfile(), key);
            }
          });
    } catch (Exception e) {
      log.debug("could not read {} of {}:{} from {}: {}", key, type, id, file, e.getMessage());
      return null;
    }
    return found[0];
  }
}
