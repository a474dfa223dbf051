package dev.segue.playlist.repository;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The {@code playlists} rows, one at a time through the Panache entity {@link Playlist}; their tracks are
 * {@link PlaylistTrackRepository}'s. Every method joins the caller's transaction or runs in its own, reads too: a
 * read outside one would go through the request's session, which may hold a row as it was before a change.
 */
@ApplicationScoped
@Transactional
public class PlaylistRepository {

    /** Stores a playlist's row; {@code request} is JSON, {@code notes} one per line or null. The new id. */
    public Playlist create(String name, String request, boolean genreOnly, String notes) {
        Playlist p = new Playlist();
        p.name = name;
        p.request = request;
        p.genreOnly = genreOnly;
        p.notes = notes;
        // what the timestamptz column holds (microseconds), so the created answer and a later read agree
        p.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        p.persist();
        return p;
    }

    public Optional<Playlist> find(long id) {
        return Playlist.findByIdOptional(id);
    }

    public boolean exists(long id) {
        return Playlist.count("id", id) > 0;
    }

    public boolean rename(long id, String name) {
        Playlist p = Playlist.findById(id);
        if (p == null) {
            return false;
        }
        p.name = name;
        return true;
    }

    /** Deletes the playlist; its tracks and pushes go with it (the schema cascades). */
    public boolean delete(long id) {
        return Playlist.deleteById(id);
    }

    /** One page of playlists, newest first. */
    public List<Playlist> newest(int page, int size) {
        return Playlist.<Playlist>findAll(Sort.descending("createdAt", "id")).page(Page.of(page, size)).list();
    }

    public long count() {
        return Playlist.count();
    }
}
