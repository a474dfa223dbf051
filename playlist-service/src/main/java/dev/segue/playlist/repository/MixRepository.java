package dev.segue.playlist.repository;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.LockOptions;

/**
 * Mixes and their editions (Panache entities, one row at a time) and the claims that keep a mix to one run at a
 * time across replicas. Every method is its own
 * transaction, reads too: a read outside one would go through the request's session, which still holds the
 * rows as they were before a change made earlier in the same request.
 */
@ApplicationScoped
@Transactional
public class MixRepository {

    /** Hibernate's lock timeout that renders {@code SKIP LOCKED}: a row another replica holds is passed over. */
    private static final int SKIP_LOCKED = LockOptions.SKIP_LOCKED;

    /** What claiming a mix for a run found. */
    public enum Claim { CLAIMED, BUSY, ABSENT }

    public long create(String name, String definition, OffsetDateTime nextRunAt) {
        Mix m = new Mix();
        m.name = name;
        m.definition = definition;
        m.remoteIds = "{}";
        m.nextRunAt = nextRunAt;
        m.createdAt = OffsetDateTime.now();
        m.updatedAt = m.createdAt;
        m.persist();
        return m.id;
    }

    public boolean nameTaken(String name, Long except) {
        return except == null ? Mix.count("name", name) > 0 : Mix.count("name = ?1 and id <> ?2", name, except) > 0;
    }

    public Optional<Mix> find(long id) {
        return Mix.findByIdOptional(id);
    }

    public List<Mix> list() {
        return Mix.listAll(Sort.by("id"));
    }

    /** A new definition; false when there is no such mix. */
    public boolean update(long id, String name, String definition, OffsetDateTime nextRunAt) {
        Mix m = Mix.findById(id);
        if (m == null) {
            return false;
        }
        m.name = name;
        m.definition = definition;
        m.nextRunAt = nextRunAt;
        m.updatedAt = OffsetDateTime.now();
        return true;
    }

    /**
     * Deletes the mix and its editions; the ids of the editions' playlists, which the caller deletes too, or
     * empty when there is no such mix.
     */
    public Optional<List<Long>> delete(long id) {
        Mix m = Mix.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null) {
            return Optional.empty();
        }
        List<Long> playlists = MixEdition.<MixEdition>list("mixId", id).stream().map(e -> e.playlistId)
                .filter(p -> p != null).toList();
        MixEdition.delete("mixId", id);
        m.delete();
        return Optional.of(playlists);
    }

    /**
     * Claims the mix for a run: BUSY when another run holds a claim younger than {@code lease} (a replica that
     * died mid-run leaves an older one behind, which is taken over).
     */
    public Claim claim(long id, OffsetDateTime now, Duration lease) {
        Mix m = Mix.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null) {
            return Claim.ABSENT;
        }
        if (m.runningSince != null && m.runningSince.isAfter(now.minus(lease))) {
            return Claim.BUSY;
        }
        m.runningSince = now;
        return Claim.CLAIMED;
    }

    /**
     * Claims one mix that is due ({@code next_run_at} passed, no live claim) and moves its {@code next_run_at} to
     * {@code next(mix)} in the same transaction. The row is locked with {@code FOR UPDATE SKIP LOCKED}: a replica
     * claiming at the same moment passes over it, and one claiming later sees the new due time, so each due time
     * is renewed once.
     */
    public Optional<Mix> claimDue(OffsetDateTime now, Duration lease, Function<Mix, OffsetDateTime> next) {
        Optional<Mix> due = Mix.<Mix>find("nextRunAt <= ?1 and (runningSince is null or runningSince < ?2) order by nextRunAt, id",
                        now, now.minus(lease))
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .firstResultOptional();
        due.ifPresent(m -> {
            m.runningSince = now;
            m.nextRunAt = next.apply(m);
        });
        return due;
    }

    /** Ends a run that made no edition, with why. */
    public void release(long id, String error) {
        Mix m = Mix.findById(id);
        if (m != null) {
            m.runningSince = null;
            m.lastError = error;
        }
    }

    /**
     * Stores an edition, the targets' playlist ids and ends the run's claim; editions beyond the newest
     * {@code keep} are deleted. The ids of the deleted editions' playlists, for the caller to delete; empty when
     * the mix was deleted meanwhile.
     */
    public Optional<List<Long>> finish(long mixId, MixEdition edition, String remoteIds, int keep) {
        Mix m = Mix.findById(mixId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null) {
            return Optional.empty();
        }
        Integer last = MixEdition.find("select max(e.number) from MixEdition e where e.mixId = ?1", mixId).project(Integer.class)
                .firstResult();
        edition.mixId = mixId;
        edition.number = last == null ? 1 : last + 1;
        edition.persist();
        m.remoteIds = remoteIds;
        m.runningSince = null;
        m.lastError = null;
        List<MixEdition> all = MixEdition.list("mixId", Sort.descending("number"), mixId);
        List<Long> pruned = new ArrayList<>();
        for (MixEdition e : all.subList(Math.min(keep, all.size()), all.size())) {
            if (e.playlistId != null) {
                pruned.add(e.playlistId);
            }
            e.delete();
        }
        return Optional.of(pruned);
    }

    /** The mix's editions, newest first. */
    public List<MixEdition> editions(long mixId) {
        return MixEdition.list("mixId", Sort.descending("number"), mixId);
    }

    public Optional<MixEdition> edition(long mixId, int number) {
        return MixEdition.find("mixId = ?1 and number = ?2", mixId, number).firstResultOptional();
    }

    public Optional<MixEdition> latest(long mixId) {
        return MixEdition.find("mixId", Sort.descending("number"), mixId).firstResultOptional();
    }

    public long editionCount(long mixId) {
        return MixEdition.count("mixId", mixId);
    }
}
