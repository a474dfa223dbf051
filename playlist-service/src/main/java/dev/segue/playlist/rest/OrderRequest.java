package dev.segue.playlist.rest;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new order of a playlist's tracks; a track left out is removed from the playlist. */
public record OrderRequest(@NotEmpty @Size(max = 500) List<@NotNull Long> trackIds) {
}
