package dev.segue.enrichment.run;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Starts an enrichment run.
 *
 * @param scope     artists, albums, tracks or all (all = artists, then albums, then tracks)
 * @param force     fetch again even what is fresh
 * @param limit     at most this many entities per source and entity type
 * @param allTracks look up every track, not only those whose album and artist have no genres
 */
public record RunRequest(
        @Schema(enumeration = {"artists", "albums", "tracks", "all"}, examples = "all") @NotNull @Pattern(regexp = "artists|albums|tracks|all", message = "must be one of artists, albums, tracks, all") String scope,
        Boolean force,
        @Min(1) Integer limit,
        Boolean allTracks) {

    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }

    public boolean everyTrack() {
        return Boolean.TRUE.equals(allTracks);
    }
}
