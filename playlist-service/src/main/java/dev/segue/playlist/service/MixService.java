package dev.segue.playlist.service;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segue.commons.problem.ProblemException;
import dev.segue.commons.problem.Unsatisfiable;
import dev.segue.playlist.config.MixConfig;
import dev.segue.playlist.config.PlaylistConfig;
import dev.segue.playlist.delivery.LocalTrack;
import dev.segue.playlist.delivery.PushResult;
import dev.segue.playlist.mix.Edition;
import dev.segue.playlist.mix.MixRequest;
import dev.segue.playlist.mix.MixSchedule;
import dev.segue.playlist.mix.MixSource;
import dev.segue.playlist.mix.StoredMix;
import dev.segue.playlist.mix.TargetOutcome;
import dev.segue.playlist.repository.Mix;
import dev.segue.playlist.repository.MixEdition;
import dev.segue.playlist.repository.MixRepository;
import dev.segue.playlist.repository.PlaylistRepository;
import dev.segue.playlist.repository.TrackRepository;
import dev.segue.playlist.request.PlaylistRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Mixes that renew: each run builds a new edition (a stored playlist) from the mix's source with a share of
 * tracks that were not in the previous edition, pushes it in place of the mix's one playlist on every target,
 * records what each target got and keeps the newest editions. A run holds a claim on the mix row, so a mix is
 * never renewed twice at once, whether by two replicas' schedulers or by a request and a scheduler.
 */
@ApplicationScoped
public class MixService {

    private static final Logger LOG = Logger.getLogger(MixService.class);
    private static final TypeReference<Map<String, String>> REMOTE_IDS = new TypeReference<>() {
    };
    private static final TypeReference<List<TargetOutcome>> OUTCOMES = new TypeReference<>() {
    };
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final MixRepository repository;
    private final PlaylistService playlists;
    private final PlaylistRepository playlistRepository;
    private final TrackRepository tracks;
    private final DeliveryService delivery;
    private final MixConfig config;
    private final PlaylistConfig playlistConfig;
    private final ObjectMapper mapper;
    private final ZoneId zone;
    private final Random random = new Random();

    MixService(MixRepository repository, PlaylistService playlists, PlaylistRepository playlistRepository, TrackRepository tracks,
               DeliveryService delivery, MixConfig config, PlaylistConfig playlistConfig, ObjectMapper mapper) {
        this.repository = repository;
        this.playlists = playlists;
        this.playlistRepository = playlistRepository;
        this.tracks = tracks;
        this.delivery = delivery;
        this.config = config;
        this.playlistConfig = playlistConfig;
        this.mapper = mapper;
        this.zone = config.timeZone().map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    public StoredMix create(MixRequest request) {
        MixRequest d = effective(request);
        validate(d, null);
        long id = repository.create(d.name(), json(d), nextRun(d.schedule(), OffsetDateTime.now()));
        return find(id);
    }

    public List<StoredMix> list() {
        return repository.list().stream().map(this::stored).toList();
    }

    public StoredMix find(long id) {
        return stored(mix(id));
    }

    /** PUT: the whole definition anew; the mix keeps its editions and its playlist on each target. */
    public StoredMix replace(long id, MixRequest request) {
        mix(id);
        return store(id, effective(request));
    }

    /** PATCH: the fields given replace the stored ones; {@code source} and {@code schedule} are replaced whole. */
    public StoredMix patch(long id, MixRequest patch) {
        MixRequest s = definition(mix(id));
        return store(id, effective(new MixRequest(or(patch.name(), s.name()), or(patch.source(), s.source()),
                patch.size() != null || patch.targetMinutes() != null ? patch.size() : s.size(),
                patch.size() != null || patch.targetMinutes() != null ? patch.targetMinutes() : s.targetMinutes(),
                or(patch.weights(), s.weights()), or(patch.maxPerArtist(), s.maxPerArtist()), or(patch.artistGap(), s.artistGap()),
                or(patch.albumGap(), s.albumGap()), or(patch.minTrackSeconds(), s.minTrackSeconds()),
                or(patch.maxTrackSeconds(), s.maxTrackSeconds()), or(patch.bpmWindow(), s.bpmWindow()),
                or(patch.ordering(), s.ordering()), or(patch.includeUnanalysed(), s.includeUnanalysed()),
                or(patch.targets(), s.targets()), or(patch.schedule(), s.schedule()), or(patch.freshShare(), s.freshShare()),
                or(patch.keepEditions(), s.keepEditions()))));
    }

    private StoredMix store(long id, MixRequest d) {
        validate(d, id);
        if (!repository.update(id, d.name(), json(d), nextRun(d.schedule(), OffsetDateTime.now()))) {
            throw noMix(id);
        }
        return find(id);
    }

    /** Deletes the mix, its editions and their playlists in Segue; the playlists on the targets stay. */
    public void delete(long id) {
        if (live(mix(id))) {
            throw ProblemException.conflict("Mix " + id + " is being renewed right now; delete it once the run has finished.");
        }
        repository.delete(id).orElseThrow(() -> noMix(id)).forEach(playlistRepository::delete);
    }

    public List<Edition> editions(long id) {
        mix(id);
        return repository.editions(id).stream().map(this::stored).toList();
    }

    public Edition edition(long id, int number) {
        mix(id);
        return repository.edition(id, number).map(this::stored).orElseThrow(() -> ProblemException.notFound("Mix " + id
                + " has no edition " + number + "; GET /api/mixes/" + id + "/editions lists those kept."));
    }

    /** Renews the mix now (a request); 409 while another run holds it. */
    public Edition renew(long id) {
        OffsetDateTime now = OffsetDateTime.now();
        return switch (repository.claim(id, now, config.runLease())) {
            case ABSENT -> throw noMix(id);
            case BUSY -> throw ProblemException.conflict("Mix " + id + " is being renewed right now; its new edition will be at "
                    + "GET /api/mixes/" + id + "/editions once that run has finished.");
            case CLAIMED -> run(mix(id), "request", now);
        };
    }

    /**
     * Renews every mix that is due, one claim at a time (so replicas share the due mixes); a run that fails is
     * logged and kept as the mix's {@code lastError}, and the others go on. The number of mixes renewed.
     */
    public int renewDue() {
        int renewed = 0;
        while (true) {
            OffsetDateTime now = OffsetDateTime.now();
            Optional<Mix> due = repository.claimDue(now, config.runLease(), m -> nextRun(definition(m).schedule(), now));
            if (due.isEmpty()) {
                return renewed;
            }
            try {
                run(due.get(), "schedule", now);
                renewed++;
            } catch (RuntimeException e) {
                LOG.warnf("Mix %d (%s) could not be renewed: %s", due.get().id, due.get().name, e.getMessage());
            }
        }
    }

    private Edition run(Mix mix, String trigger, OffsetDateTime started) {
        MixRequest d = definition(mix);
        try {
            Map<String, String> remotes = new LinkedHashMap<>(remoteIds(mix));
            List<Long> previous = repository.latest(mix.id).map(e -> e.playlistId).flatMap(this::playlistTracks)
                    .orElse(List.of());
            List<String> notes = new ArrayList<>();
            long playlistId = build(d, seeds(d, previous), previous, notes);
            List<Long> built = playlistTracks(playlistId).orElseThrow();
            Set<Long> before = Set.copyOf(previous);
            int fresh = (int) built.stream().filter(t -> !before.contains(t)).count();
            List<TargetOutcome> outcomes = new ArrayList<>();
            for (String target : d.targets()) {
                outcomes.add(push(playlistId, target, remotes));
            }
            MixEdition e = new MixEdition();
            e.playlistId = playlistId;
            e.trigger = trigger;
            e.tracks = built.size();
            e.fresh = fresh;
            e.notes = notes.isEmpty() ? null : String.join("\n", notes);
            e.results = json(outcomes);
            e.startedAt = started;
            e.finishedAt = OffsetDateTime.now();
            Optional<List<Long>> pruned = repository.finish(mix.id, e, json(remotes), d.keepEditions());
            if (pruned.isEmpty()) {
                playlistRepository.delete(playlistId);
                throw noMix(mix.id);
            }
            pruned.get().forEach(playlistRepository::delete);
            return stored(e);
        } catch (RuntimeException e) {
            repository.release(mix.id, e.getMessage());
            throw e;
        }
    }

    /** One target's push; a failure is this target's outcome and the other targets still get the edition. */
    private TargetOutcome push(long playlistId, String target, Map<String, String> remotes) {
        try {
            PushResult r = delivery.pushReplacing(playlistId, target, Optional.ofNullable(remotes.get(target)));
            remotes.put(target, r.remoteId());
            return new TargetOutcome(target, r.remoteId(), r.created(), r.matched(), r.unmatched().size(), null);
        } catch (ProblemException e) {
            return new TargetOutcome(target, remotes.get(target), null, 0, 0, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Pushing playlist %d to target '%s' failed", playlistId, target);
            return new TargetOutcome(target, remotes.get(target), null, 0, 0, "Pushing playlist " + playlistId + " to target '"
                    + target + "' failed: " + e.getClass().getSimpleName() + ".");
        }
    }

    /** The edition's seeds: the mix's own, or drawn from its rule's tracks, those not in the previous edition first. */
    private List<Long> seeds(MixRequest d, List<Long> previous) {
        MixSource s = d.source();
        if (s.seeds() != null) {
            return s.seeds();
        }
        List<Long> pool;
        if (s.addedWithinDays() != null) {
            pool = tracks.addedWithin(s.addedWithinDays());
            if (pool.isEmpty()) {
                throw ProblemException.unprocessable("No track was added to the library in the last " + s.addedWithinDays()
                        + " days, so mix '" + d.name() + "' has no seed; widen source.addedWithinDays or scan new music.");
            }
        } else {
            pool = playlistTracks(s.playlist()).orElseThrow(() -> ProblemException.unprocessable("Playlist " + s.playlist()
                    + ", the source of mix '" + d.name() + "', no longer exists; give the mix another source."));
            if (pool.isEmpty()) {
                throw ProblemException.unprocessable("Playlist " + s.playlist() + ", the source of mix '" + d.name() + "', is empty.");
            }
        }
        Set<Long> before = Set.copyOf(previous);
        List<Long> unseen = new ArrayList<>(pool.stream().distinct().filter(t -> !before.contains(t)).toList());
        List<Long> seen = new ArrayList<>(pool.stream().distinct().filter(before::contains).toList());
        Collections.shuffle(unseen, random);
        Collections.shuffle(seen, random);
        return Stream.concat(unseen.stream(), seen.stream()).limit(config.ruleSeeds()).toList();
    }

    /**
     * Builds the edition with at most ⌊(1 − freshShare) × size⌋ tracks of the previous edition, seeds included:
     * the others of the previous edition are excluded, a random choice of them each time. When that leaves too few
     * tracks for the constraints, the edition is built without the exclusion and a note says so.
     */
    private long build(MixRequest d, List<Long> seeds, List<Long> previous, List<String> notes) {
        int size = d.size() != null ? d.size() : d.targetMinutes() != null ? previous.size() : playlistConfig.defaults().size();
        int oldAllowed = (int) Math.floor((1 - d.freshShare()) * size + 1e-9);
        Set<Long> seedSet = Set.copyOf(seeds);
        int oldSeeds = (int) previous.stream().filter(seedSet::contains).count();
        if (oldSeeds > oldAllowed) {
            notes.add("The mix's " + oldSeeds + " seeds were in the previous edition too, more than a fresh share of "
                    + d.freshShare() + " allows.");
        }
        List<Long> others = new ArrayList<>(previous.stream().filter(t -> !seedSet.contains(t)).toList());
        Collections.shuffle(others, random);
        List<Long> exclude = others.subList(Math.min(others.size(), Math.max(0, oldAllowed - oldSeeds)), others.size());
        try {
            return playlists.create(request(d, seeds, exclude)).id();
        } catch (Unsatisfiable e) {
            if (exclude.isEmpty()) {
                throw e;
            }
            notes.add("Too few new tracks fit the constraints for a fresh share of " + d.freshShare()
                    + "; this edition repeats more of the previous one (" + e.getMessage() + ")");
            return playlists.create(request(d, seeds, List.of())).id();
        }
    }

    private static PlaylistRequest request(MixRequest d, List<Long> seeds, List<Long> exclude) {
        return new PlaylistRequest(seeds, d.size(), d.targetMinutes(), d.weights(), d.maxPerArtist(), d.artistGap(), d.albumGap(),
                d.minTrackSeconds(), d.maxTrackSeconds(), d.bpmWindow(), exclude, d.ordering(), d.includeUnanalysed(), d.name());
    }

    /** The mix-level defaults applied; the playlist constraints left out take the playlist defaults at each run. */
    private MixRequest effective(MixRequest r) {
        return new MixRequest(r.name() == null ? null : r.name().strip(), r.source(), r.size(), r.targetMinutes(), r.weights(),
                r.maxPerArtist(), r.artistGap(), r.albumGap(), r.minTrackSeconds(), r.maxTrackSeconds(), r.bpmWindow(), r.ordering(),
                r.includeUnanalysed(), r.targets() == null ? List.of() : r.targets().stream().map(String::strip).toList(),
                r.schedule() == null ? new MixSchedule(null, null) : r.schedule(),
                r.freshShare() == null ? config.freshShare() : r.freshShare(),
                r.keepEditions() == null ? config.keepEditions() : r.keepEditions());
    }

    private void validate(MixRequest d, Long id) {
        if (d.name() == null || d.name().isEmpty()) {
            throw ProblemException.badRequest("A mix needs a name: it is the playlist's name on every target.");
        }
        MixSource s = d.source();
        if (s == null) {
            throw ProblemException.badRequest("A mix needs a source: {\"seeds\": [ids]}, {\"addedWithinDays\": N} or "
                    + "{\"playlist\": id}.");
        }
        long given = Stream.of(s.seeds(), s.addedWithinDays(), s.playlist()).filter(x -> x != null).count();
        if (given != 1) {
            throw ProblemException.unprocessable("Give exactly one of source.seeds, source.addedWithinDays and source.playlist, "
                    + "not " + given + ".");
        }
        if (s.playlist() != null && !playlistRepository.exists(s.playlist())) {
            throw ProblemException.unprocessable("source.playlist " + s.playlist() + " is not a stored playlist; GET /api/playlists "
                    + "lists them.");
        }
        if (d.size() != null && d.targetMinutes() != null) {
            throw ProblemException.unprocessable("Give size or targetMinutes, not both.");
        }
        if (d.minTrackSeconds() != null && d.maxTrackSeconds() != null && d.minTrackSeconds() > d.maxTrackSeconds()) {
            throw ProblemException.unprocessable("minTrackSeconds " + d.minTrackSeconds() + " is above maxTrackSeconds "
                    + d.maxTrackSeconds() + "; no track can satisfy both.");
        }
        Set<String> seen = new HashSet<>();
        for (String target : d.targets()) {
            if (!seen.add(target)) {
                throw ProblemException.unprocessable("Target '" + target + "' is given twice; a mix has one playlist per target.");
            }
            if (!delivery.hasTarget(target)) {
                throw ProblemException.unprocessable("No target named '" + target + "'; GET /api/targets lists them.");
            }
        }
        MixSchedule schedule = d.schedule();
        if (schedule.cron() != null && schedule.intervalMinutes() != null) {
            throw ProblemException.unprocessable("Give schedule.cron or schedule.intervalMinutes, not both.");
        }
        if (schedule.cron() != null) {
            cron(schedule.cron());
        }
        if (repository.nameTaken(d.name(), id)) {
            throw ProblemException.conflict("A mix named '" + d.name() + "' exists already; choose another name or PUT "
                    + "/api/mixes/{id} to change that one.");
        }
    }

    private static ExecutionTime cron(String expression) {
        try {
            Cron cron = CRON.parse(expression.strip());
            return ExecutionTime.forCron(cron.validate());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("schedule.cron '" + expression + "' is not a Unix cron expression (minute hour "
                    + "day-of-month month day-of-week, e.g. \"0 6 * * *\" for 6:00 every day): " + e.getMessage());
        }
    }

    /** When a mix with this schedule is due next after {@code now}; null for on demand. */
    OffsetDateTime nextRun(MixSchedule schedule, OffsetDateTime now) {
        if (schedule == null || schedule.onDemand()) {
            return null;
        }
        if (schedule.intervalMinutes() != null) {
            return now.plus(Duration.ofMinutes(schedule.intervalMinutes()));
        }
        return cron(schedule.cron()).nextExecution(now.atZoneSameInstant(zone)).map(z -> z.toOffsetDateTime()).orElse(null);
    }

    /** The track ids of a stored playlist in order; empty when there is no such playlist. */
    private Optional<List<Long>> playlistTracks(long playlistId) {
        return playlistRepository.exists(playlistId)
                ? Optional.of(tracks.ofPlaylist(playlistId).stream().map(LocalTrack::trackId).toList()) : Optional.empty();
    }

    private Mix mix(long id) {
        return repository.find(id).orElseThrow(() -> noMix(id));
    }

    private static ProblemException noMix(long id) {
        return ProblemException.notFound("No mix with id " + id + "; GET /api/mixes lists them.");
    }

    private boolean live(Mix m) {
        return m.runningSince != null && m.runningSince.isAfter(OffsetDateTime.now().minus(config.runLease()));
    }

    private StoredMix stored(Mix m) {
        return new StoredMix(m.id, m.name, definition(m), m.nextRunAt, live(m), m.lastError, (int) repository.editionCount(m.id),
                repository.latest(m.id).map(this::stored).orElse(null), m.createdAt, m.updatedAt);
    }

    private Edition stored(MixEdition e) {
        return new Edition(e.mixId, e.number, e.playlistId, e.trigger, e.tracks, e.fresh,
                e.notes == null ? List.of() : Arrays.asList(e.notes.split("\n")), read(e.results, OUTCOMES), e.startedAt, e.finishedAt);
    }

    private MixRequest definition(Mix m) {
        try {
            return mapper.readValue(m.definition, MixRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Mix " + m.id + " has a definition that cannot be read", e);
        }
    }

    private Map<String, String> remoteIds(Mix m) {
        return read(m.remoteIds, REMOTE_IDS);
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
